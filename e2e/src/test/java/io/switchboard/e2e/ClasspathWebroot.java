package io.switchboard.e2e;

import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Serves the web client's files to a Playwright page straight from the classpath ({@code webroot/}, the same folder
 * the server serves), for tests of the pages that need no server. Route it on {@code http://localhost:<any port>}:
 * localhost is a secure context, so getUserMedia works, and nothing ever touches the network.
 */
public final class ClasspathWebroot {

  public static final String ORIGIN = "http://localhost:9";
  public static final String BLANK = "/blank.html";

  private ClasspathWebroot() {
  }

  public static void serve(Route route) {
    String path = URI.create(route.request().url()).getPath();
    if (path.equals(BLANK)) {
      route.fulfill(new Route.FulfillOptions().setContentType("text/html").setBody("<!doctype html><title>blank</title>"));
      return;
    }
    try (InputStream in = ClasspathWebroot.class.getClassLoader().getResourceAsStream("webroot" + path)) {
      if (in == null) {
        route.fulfill(new Route.FulfillOptions().setStatus(404).setContentType("text/plain").setBody("not found"));
        return;
      }
      route.fulfill(new Route.FulfillOptions().setContentType(contentType(path)).setBodyBytes(in.readAllBytes()));
    } catch (IOException e) {
      route.abort();
    }
  }

  private static String contentType(String path) {
    if (path.endsWith(".html")) return "text/html; charset=utf-8";
    if (path.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (path.endsWith(".css")) return "text/css; charset=utf-8";
    if (path.endsWith(".json")) return "application/json";
    return "application/octet-stream";
  }
}
