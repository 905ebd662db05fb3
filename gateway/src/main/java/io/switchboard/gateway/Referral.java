package io.switchboard.gateway;

/**
 * A REFER the far end of a trunk leg sent in its dialog (RFC 3515): "hand this call to {@link #target()}". The
 * gateway has already checked its form (exactly one {@code Refer-To}, a sip/sips/tel URI, no {@code Replaces}, a
 * live dialog); whether the target is acceptable is for the receiver to decide. It answers exactly once, with
 * {@link #accept()} or {@link #refuse}; after {@code accept} it reports the outcome once with {@link #done}. The
 * gateway never dials anything for a referral: the target can only be reached inside the hotline.
 * Called and used on the gateway's context.
 */
public interface Referral {

  /** The target's number: the user part of a sip/sips {@code Refer-To} URI, or the number of a tel URI. */
  String target();

  /** The {@code Refer-To} header value as received, for logs. */
  String referTo();

  /** The {@code Referred-By} header value as received (RFC 3892), or null. */
  String referredBy();

  /** 202 Accepted, then a NOTIFY carrying {@code SIP/2.0 100 Trying} (RFC 3515 §2.4.4, §2.4.5). */
  void accept();

  /** A final error response to the REFER (RFC 3515 §2.4.2: e.g. 403 Forbidden), with this reason phrase. */
  void refuse(int status, String reason);

  /**
   * The last NOTIFY of an accepted referral: {@code SIP/2.0 <status> <reason>} as {@code message/sipfrag}, with
   * {@code Subscription-State: terminated} (RFC 3515 §2.4.5, §2.4.7). Status 200 means the call was handed over.
   */
  void done(int status, String reason);
}
