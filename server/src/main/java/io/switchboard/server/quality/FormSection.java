package io.switchboard.server.quality;

import java.util.List;

/** A titled group of questions ("Greeting", "Solution", "Closing"); sections only order the form, they do not weigh. */
public record FormSection(String id, String title, List<FormQuestion> questions) {

  public FormSection {
    questions = List.copyOf(questions);
  }
}
