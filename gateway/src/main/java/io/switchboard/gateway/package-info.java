/**
 * SIP trunks with JAIN-SIP RI: inbound calls from allow-listed (and optionally digest-authenticated) trunks,
 * SDP offer/answer for G.711 RTP/AVP, hold, DTMF (RFC 4733 and SIP INFO), and registration to carriers, and
 * outbound legs (INVITE with digest auth, early media, CANCEL, failure reasons) placed only through the one
 * {@link io.switchboard.gateway.TrunkDialer}. Entry point: {@link io.switchboard.gateway.SipGateway#start}. May depend on media
 * only.
 */
package io.switchboard.gateway;
