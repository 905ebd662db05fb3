/** The echo endpoint: sends back what the peer sends (the agent's "test my headset" check). */
package io.switchboard.media.echo;
