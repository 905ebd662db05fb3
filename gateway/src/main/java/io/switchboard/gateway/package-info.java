/** SIP trunks with JAIN-SIP RI (registration, dialogs, SDP offer/answer for RTP/AVP, hold, DTMF, transfers); comes with the first-call issue. May depend on media only. */
package io.switchboard.gateway;
