/** Load and performance harness (SIPp + the synthetic WebRTC agent fleet built on the media test peer) and JMH micro-benchmarks; comes with the performance issue. */
package io.switchboard.bench;
