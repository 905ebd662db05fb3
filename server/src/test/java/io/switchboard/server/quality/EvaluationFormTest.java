package io.switchboard.server.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading forms and answers: each refusal names the field path. */
class EvaluationFormTest {

  static JsonObject body() {
    return new JsonObject().put("name", "Support calls").put("sections", new JsonArray()
        .add(new JsonObject().put("id", "opening").put("title", "Opening").put("questions", new JsonArray()
            .add(new JsonObject().put("id", "greet").put("text", "Greeted").put("weight", 10).put("type", "yesno"))
            .add(new JsonObject().put("id", "verify").put("text", "Verified").put("weight", 20).put("type", "yesno")
                .put("critical", true))))
        .add(new JsonObject().put("id", "solving").put("title", "Solving").put("questions", new JsonArray()
            .add(new JsonObject().put("id", "empathy").put("text", "Empathy").put("weight", 30).put("type", "scale")
                .put("scaleMax", 5).put("naAllowed", true)))));
  }

  @Test
  void aFormRoundTripsThroughItsWireForm() {
    EvaluationForm form = EvaluationForm.parse("support", 3, body());

    assertThat(form.questions()).extracting(FormQuestion::id).containsExactly("greet", "verify", "empathy");
    JsonObject json = form.toJson();
    assertThat(EvaluationForm.parse("support", 3, json.copy().put("id", "support").put("version", 3)))
        .isEqualTo(form);
  }

  @Test
  void refusalsNameTheFieldPath() {
    assertPath(body().put("colour", "red"), "colour");
    assertPath(body().put("sections", new JsonArray()), "sections");
    JsonObject badWeight = body();
    question(badWeight, 0, 1).put("weight", 0);
    assertPath(badWeight, "sections[0].questions[1].weight");
    JsonObject criticalScale = body();
    question(criticalScale, 1, 0).put("critical", true);
    assertPath(criticalScale, "sections[1].questions[0].critical");
    JsonObject noScale = body();
    question(noScale, 1, 0).remove("scaleMax");
    assertPath(noScale, "sections[1].questions[0].scaleMax");
    JsonObject twice = body();
    question(twice, 1, 0).put("id", "greet");
    assertPath(twice, "sections[1].questions[0].id");
    JsonObject badType = body();
    question(badType, 0, 0).put("type", "stars");
    assertPath(badType, "sections[0].questions[0].type");
  }

  @Test
  void answersAreCheckedAgainstTheirQuestions() {
    EvaluationForm form = EvaluationForm.parse("support", 1, body());

    assertThat(form.answers(new JsonObject().put("greet", "yes").put("verify", "no").put("empathy", "na")))
        .isEqualTo(Map.of("greet", Answer.YES, "verify", Answer.NO, "empathy", Answer.NOT_APPLICABLE));
    assertAnswerPath(form, new JsonObject().put("greet", "yes").put("verify", "no"), "answers.empathy");
    assertAnswerPath(form, new JsonObject().put("greet", "na").put("verify", "no").put("empathy", 2),
        "answers.greet");
    assertAnswerPath(form, new JsonObject().put("greet", "yes").put("verify", "no").put("empathy", 6),
        "answers.empathy");
    assertAnswerPath(form, new JsonObject().put("greet", "yes").put("verify", "no").put("empathy", 2)
        .put("smile", "yes"), "answers.smile");
  }

  private static JsonObject question(JsonObject body, int section, int question) {
    return body.getJsonArray("sections").getJsonObject(section).getJsonArray("questions").getJsonObject(question);
  }

  private static void assertPath(JsonObject body, String path) {
    assertThatThrownBy(() -> EvaluationForm.parse("f", 1, body)).isInstanceOfSatisfying(FormInvalid.class,
        e -> assertThat(e.path()).isEqualTo(path));
  }

  private static void assertAnswerPath(EvaluationForm form, JsonObject answers, String path) {
    assertThatThrownBy(() -> form.answers(answers)).isInstanceOfSatisfying(FormInvalid.class,
        e -> assertThat(e.path()).isEqualTo(path));
  }
}
