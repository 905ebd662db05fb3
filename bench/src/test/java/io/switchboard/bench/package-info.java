/**
 * The load harness: {@link io.switchboard.bench.LoadRun} boots the server, logs in a fleet of synthetic WebRTC
 * agents, has SIPp place the calls and reports loss, jitter, CPU, heap and GC (docs/performance.md). JMH
 * micro-benchmarks come later.
 */
package io.switchboard.bench;
