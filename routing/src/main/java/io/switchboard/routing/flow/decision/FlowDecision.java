package io.switchboard.routing.flow.decision;

/** A decision of the flow runner, executed by the server in list order. {@link #reason()} is for people. */
public sealed interface FlowDecision permits PlayPrompt, CollectDigits, Enqueue, RingAgents, StopRinging,
    ConnectAgent, StartVoicemail, RequestCallback, RunSurvey, RecordCsat, Hangup {

  String reason();
}
