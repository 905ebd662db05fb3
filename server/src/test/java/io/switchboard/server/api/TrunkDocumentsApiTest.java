package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trunks as configuration documents ({@code /api/config/trunk/:id}): sealed credentials never shown, validation with
 * field paths, one source of truth for numbers (an entry point names its trunk, the gateway carries it live), and
 * versions / rollback like the rest.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrunkDocumentsApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    put("/api/config/queue/q-t", new JsonObject().put("name", "Trunk test"));
    put("/api/config/flow/f-t", new JsonObject().put("entry", "q").put("steps", new JsonObject()
        .put("q", new JsonObject().put("type", "queue").put("queue", "q-t"))));
    HttpResponse<Buffer> entry = put("/api/config/entry-points/default", new JsonObject().put("numbers",
        new JsonObject().put("+4930555066", "f-t")));
    assertThat(entry.statusCode()).as(entry.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> send(String method, String uri, String body, String ifMatch) throws Exception {
    HttpRequest<Buffer> request = fixture.as(fixture.client.request(HttpMethod.valueOf(method), uri), "ada");
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return body == null ? await(request.send())
        : await(request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> put(String uri, JsonObject doc) throws Exception {
    return send("PUT", uri, doc.encode(), null);
  }

  static JsonObject trunk(String source) {
    return new JsonObject().put("allowedSources", new JsonArray().add(source))
        .put("inboundDigest", new JsonObject().put("username", "carrier-in").put("password", "s3cret-in")
            .put("realm", "switchboard"));
  }

  List<String> gatewayDids(String trunk) {
    return fixture.server.sipState().getJsonArray("trunks").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("name").equals(trunk)).findFirst().orElseThrow()
        .getJsonArray("dids").stream().map(String::valueOf).toList();
  }

  JsonObject entryPointsWith(String number, JsonObject value) throws Exception {
    JsonObject doc = send("GET", "/api/config/entry-points/default", null, null).bodyAsJsonObject()
        .getJsonObject("document");
    doc.getJsonObject("numbers").put(number, value);
    return doc;
  }

  @Test
  void trunkPasswordsAreSealedInTheStore_neverShown_andKeptWhenLeftOut() throws Exception {
    HttpResponse<Buffer> created = put("/api/config/trunk/sealed", trunk("198.51.100.0/24"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsString()).doesNotContain("s3cret-in").doesNotContain("aesgcm:");
    assertThat(created.bodyAsJsonObject().getJsonObject("document").getJsonObject("inboundDigest")
        .getBoolean("passwordSet")).isTrue();
    String stored = await(fixture.server.routingConfig().entry("trunk", "sealed")).getJsonObject("doc")
        .getJsonObject("inboundDigest").getString("password");
    assertThat(stored).startsWith("aesgcm:").doesNotContain("s3cret-in");

    JsonObject withoutPassword = trunk("198.51.100.0/24");
    withoutPassword.getJsonObject("inboundDigest").remove("password");
    HttpResponse<Buffer> changed = put("/api/config/trunk/sealed", withoutPassword.put("dids",
        new JsonArray().add("100")));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(await(fixture.server.routingConfig().entry("trunk", "sealed")).getJsonObject("doc")
        .getJsonObject("inboundDigest").getString("password")).isEqualTo(stored);

    String everything = send("GET", "/api/config", null, null).bodyAsString();
    assertThat(everything).contains("\"sealed\"").doesNotContain("s3cret-in").doesNotContain("aesgcm:");
    String versions = send("GET", "/api/config/trunk/sealed/versions", null, null).bodyAsString();
    assertThat(versions).doesNotContain("s3cret-in").doesNotContain("aesgcm:");
  }

  @Test
  void badTrunk_is422WithFieldPaths_andChangesNothing() throws Exception {
    JsonObject bad = new JsonObject().put("allowedSources", new JsonArray().add("carrier.example").add("10.0.0.0/33"))
        .put("registration", new JsonObject().put("registrar", "registrar.example:5060").put("password", "x")
            .put("domain", "carrier.example").put("expiresSeconds", 10))
        .put("outbound", new JsonObject().put("proxy", "proxy.example").put("username", "u").put("password", "p")
            .put("callerId", "0301234").put("maxConcurrent", 0));

    HttpResponse<Buffer> refused = put("/api/config/trunk/bad", bad);

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getJsonArray("problems").stream().map(String::valueOf))
        .anyMatch(p -> p.startsWith("trunk bad: allowedSources[0]:"))
        .anyMatch(p -> p.startsWith("trunk bad: allowedSources[1]:"))
        .anyMatch(p -> p.startsWith("trunk bad: registration.username: required"))
        .anyMatch(p -> p.startsWith("trunk bad: registration.expiresSeconds:"))
        .anyMatch(p -> p.startsWith("trunk bad: outbound.callerId:"))
        .anyMatch(p -> p.startsWith("trunk bad: outbound.maxConcurrent:"));
    assertThat(send("GET", "/api/config/trunk/bad", null, null).statusCode()).isEqualTo(404);
    assertThat(fixture.server.sipState().getJsonArray("trunks").stream()
        .map(t -> ((JsonObject) t).getString("name"))).doesNotContain("bad");
  }

  @Test
  void anEntryPointNumberNamesItsTrunk_theGatewayCarriesItLive_andARollbackTakesItBack() throws Exception {
    assertThat(put("/api/config/trunk/live", trunk("203.0.113.7")).statusCode()).isEqualTo(201);
    assertThat(gatewayDids("live")).isEmpty();
    String flow = "f-t";

    HttpResponse<Buffer> numbered = put("/api/config/entry-points/default", entryPointsWith("+4930555077",
        new JsonObject().put("flow", flow).put("trunk", "live")));

    assertThat(numbered.statusCode()).as(numbered.bodyAsString()).isEqualTo(200);
    assertThat(gatewayDids("live")).contains("+4930555077", "4930555077");
    assertThat(fixture.server.routingConfig().current().entryPoints().byNumber()).containsKey("+4930555077");

    HttpResponse<Buffer> rolled = send("POST", "/api/config/entry-points/default/rollback", null, null);
    assertThat(rolled.statusCode()).as(rolled.bodyAsString()).isEqualTo(200);
    assertThat(gatewayDids("live")).doesNotContain("+4930555077");
  }

  @Test
  void numbersAndTrunksMustAgree_elseNothingChanges() throws Exception {
    assertThat(put("/api/config/trunk/owner", trunk("192.0.2.10")).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> unknownTrunk = put("/api/config/entry-points/default", entryPointsWith("+4930555088",
        new JsonObject().put("flow", "f-t").put("trunk", "nowhere")));
    assertThat(unknownTrunk.statusCode()).as(unknownTrunk.bodyAsString()).isEqualTo(422);
    assertThat(unknownTrunk.bodyAsJsonObject().getJsonArray("problems").encode())
        .contains("entry-points default: numbers.+4930555088.trunk: unknown trunk 'nowhere'");

    assertThat(put("/api/config/entry-points/default", entryPointsWith("+4930555099",
        new JsonObject().put("flow", "f-t").put("trunk", "owner"))).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> stolen = put("/api/config/trunk/thief", trunk("192.0.2.11")
        .put("dids", new JsonArray().add("+4930555099")));
    assertThat(stolen.statusCode()).as(stolen.bodyAsString()).isEqualTo(422);
    assertThat(stolen.bodyAsJsonObject().getJsonArray("problems").encode()).contains("trunk thief: dids[0]:");

    HttpResponse<Buffer> deleteOwner = send("DELETE", "/api/config/trunk/owner", null, null);
    assertThat(deleteOwner.statusCode()).as(deleteOwner.bodyAsString()).isEqualTo(422);
    assertThat(gatewayDids("owner")).contains("+4930555099");
  }
}
