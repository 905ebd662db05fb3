package io.switchboard.e2e.agent;

import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Serves the web client's files from the classpath ({@code webroot/}) to a page on {@code http://localhost:9}, a
 * secure context where nothing touches the network. The same job as the package-private
 * {@code io.switchboard.e2e.ClasspathWebroot}, which this package cannot see.
 */
final class StaticWebroot {

  static final String ORIGIN = "http://localhost:9";
  static final String BLANK = "/blank.html";

  private StaticWebroot() {
  }

  static void serve(Route route) {
    String path = URI.create(route.request().url()).getPath();
    if (path.equals(BLANK)) {
      route.fulfill(new Route.FulfillOptions().setContentType("text/html").setBody("<!doctype html><title>blank</title>"));
      return;
    }
    try (InputStream in = StaticWebroot.class.getClassLoader().getResourceAsStream("webroot" + path)) {
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
