package io.switchboard.server.api;

import io.switchboard.media.prompt.InvalidPromptException;
import io.switchboard.media.prompt.PromptImport;
import io.switchboard.media.prompt.Prompts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The prompt library for the IVR editor (docs/api.md, "Prompts"): {@code GET /api/prompts} lists the ids per language,
 * {@code GET /api/prompts/:lang/:id} is the clip as WAV (the editor's play button), {@code PUT /api/prompts/:lang/:id}
 * with any WAV, AIFF or MP3 as the body stores the admin's own recording converted to 8 kHz ({@link PromptImport}) in
 * {@code <data.dir>/prompts/<lang>/<id>.wav} and reloads the library, so the next call hears it.
 */
public final class PromptsApi {

  static final String PROMPTS = "/api/prompts";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final long MAX_UPLOAD = 20L * 1024 * 1024;
  private static final List<String> READERS = List.of("supervisor", "admin");

  private final Vertx vertx;
  private final Supplier<Prompts> library;
  private final Consumer<Prompts> replace;
  private final Path ownFolder;
  private final ApiAuth auth;

  private PromptsApi(Vertx vertx, Supplier<Prompts> library, Consumer<Prompts> replace, Path ownFolder,
      Authenticator authenticator) {
    this.vertx = vertx;
    this.library = library;
    this.replace = replace;
    this.ownFolder = ownFolder;
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  /** @param ownFolder {@code <data.dir>/prompts}, the library's override folder */
  public static PromptsApi create(Vertx vertx, Supplier<Prompts> library, Consumer<Prompts> replace, Path ownFolder,
      Authenticator authenticator) {
    return new PromptsApi(vertx, library, replace, ownFolder, authenticator);
  }

  public void mount(Router router) {
    router.get(PROMPTS).handler(ctx -> ApiAction.answer(ctx, auth, READERS, caller -> {
      Prompts prompts = library.get();
      JsonObject languages = new JsonObject();
      for (String lang : Prompts.LANGUAGES) {
        languages.put(lang, new JsonArray(prompts.ids(lang).stream().sorted()
            .filter(id -> !id.startsWith("num-") && !id.startsWith("ord-")).toList()));
      }
      return Future.succeededFuture(new JsonObject().put("languages", languages));
    }));
    router.get(PROMPTS + "/:lang/:id").handler(ctx -> ApiAction.answer(ctx, auth, READERS, caller -> {
      String lang = lang(ctx);
      String id = id(ctx);
      var clip = library.get().clip(lang, id).orElseThrow(() -> ApiProblem.notFound("no prompt " + lang + "/" + id));
      ctx.response().putHeader("Content-Type", "audio/wav").putHeader("Cache-Control", "no-store")
          .end(io.vertx.core.buffer.Buffer.buffer(PromptImport.wav(clip.samples())));
      return Future.succeededFuture(null);
    }));
    router.put(PROMPTS + "/:lang/:id").handler(BodyHandler.create(false).setBodyLimit(MAX_UPLOAD))
        .handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ADMIN_ONLY, caller -> {
          String lang = lang(ctx);
          String id = id(ctx);
          byte[] upload = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer()
              .getBytes();
          if (upload.length == 0) {
            throw ApiProblem.unprocessable("body: the recording (WAV, AIFF or MP3)");
          }
          return vertx.executeBlocking(() -> {
            byte[] wav = PromptImport.toTelephoneWav(lang + "/" + id, upload);
            Path folder = ownFolder.resolve(lang);
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "." + id, ".part");
            Files.write(temp, wav);
            Files.move(temp, folder.resolve(id + ".wav"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
            Prompts next = Prompts.load(ownFolder);
            replace.accept(next);
            return new JsonObject().put("lang", lang).put("id", id).put("seconds", (wav.length - 44) / 16000.0);
          }).recover(e -> Future.failedFuture(e instanceof InvalidPromptException
              ? ApiProblem.unprocessable("body: " + e.getMessage()) : e)).map(body -> {
                ApiResponses.created(ctx, PROMPTS + "/" + lang + "/" + id, body);
                return null;
              });
        }));
  }

  private static String lang(RoutingContext ctx) {
    String lang = ctx.pathParam("lang");
    if (!Prompts.LANGUAGES.contains(lang)) {
      throw ApiProblem.notFound("no language " + CallFilter.quoted(String.valueOf(lang)) + " (en, ru, uk)");
    }
    return lang;
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiProblem.unprocessable("id: 1 to 64 of a-z 0-9 - (lower case, starting with a letter or digit)");
    }
    return id;
  }
}
