package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SIP edge's refusals as the server's {@code GET /metrics} shows them (docs/metrics.md): the
 * {@code switchboard_sip_rejected_total} series by reason, the flood guard's drops among
 * {@code switchboard_sip_events_total}, and the 503s among {@code switchboard_sip_responses_total}. A scrape is a
 * map of series to value; {@link #minus} gives what a phase added.
 */
record EdgeMetrics(Map<String, Double> series) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static EdgeMetrics scrape(int httpPort) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics: " + response.statusCode());
    }
    Map<String, Double> series = new TreeMap<>();
    for (String line : response.body().split("\n")) {
      boolean wanted = line.startsWith("switchboard_sip_rejected_total")
          || (line.startsWith("switchboard_sip_events_total") && line.contains("dropped_"))
          || (line.startsWith("switchboard_sip_responses_total") && line.contains("code=\"503\""));
      int space = line.lastIndexOf(' ');
      if (wanted && space > 0) {
        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return new EdgeMetrics(series);
  }

  /** A scrape, or {@code fallback} (with a note printed) when the server did not answer in time: it is flooded. */
  static EdgeMetrics scrapeOr(int httpPort, EdgeMetrics fallback) throws InterruptedException {
    try {
      return scrape(httpPort);
    } catch (IOException | RuntimeException e) {
      System.out.println("  GET /metrics failed: " + e);
      return fallback;
    }
  }

  /** Series that grew since {@code earlier}, by how much. */
  Map<String, Long> minus(EdgeMetrics earlier) {
    Map<String, Long> grown = new TreeMap<>();
    series.forEach((k, v) -> {
      long d = Math.round(v - earlier.series.getOrDefault(k, 0.0));
      if (d != 0) {
        grown.put(k.replace("switchboard_sip_", ""), d);
      }
    });
    return grown;
  }
}
