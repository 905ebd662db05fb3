package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The run's chart, drawn with java.awt (headless): three panels against concurrent calls — server CPU per
 * call-second, RTP loss each way, one-way delay p99 each way — each with its target as a dashed line.
 */
final class StepsChart {
  private static final int WIDTH = 900;
  private static final int PANEL_HEIGHT = 260;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int BOTTOM = 40;
  private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728)};

  private StepsChart() {
  }

  static void draw(JsonArray rows, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * 3, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    panel(g, 0, rows, "Server CPU per call-second (ms), steady window", List.of("serverCpuMsPerCallSecond"),
        List.of("server"), 1.2, "target 1.2 ms");
    panel(g, PANEL_HEIGHT, rows, "RTP loss (%)", List.of("lossPercentToAgent", "lossPercentToCaller"),
        List.of("caller → agent", "agent → caller"), 0.01, "limit 0.01 %");
    panel(g, 2 * PANEL_HEIGHT, rows, "One-way delay p99 (ms)", List.of("delayMsP99ToAgent", "delayMsP99ToCaller"),
        List.of("caller → agent", "agent → caller"), 5, "target 5 ms");
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(Graphics2D g, int y0, JsonArray rows, String title, List<String> keys,
      List<String> labels, double target, String targetLabel) {
    int x1 = LEFT;
    int x2 = WIDTH - RIGHT;
    int yTop = y0 + TOP;
    int yBottom = y0 + PANEL_HEIGHT - BOTTOM;
    double maxX = 0;
    double maxY = target * 1.2;
    for (Object o : rows) {
      JsonObject row = (JsonObject) o;
      maxX = Math.max(maxX, row.getInteger("calls"));
      for (String k : keys) {
        if (row.getValue(k) instanceof Number n) {
          maxY = Math.max(maxY, n.doubleValue() * 1.1);
        }
      }
    }
    double xScale = (x2 - x1) / Math.max(1, maxX);
    double yScale = (yBottom - yTop) / maxY;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, x1, y0 + 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawLine(x1, yBottom, x2, yBottom);
    g.drawLine(x1, yTop, x1, yBottom);
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      int y = (int) (yBottom - v * yScale);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x1 + 1, y, x2, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, v < 0.1 ? "%.3f" : "%.1f", v), 8, y + 4);
    }
    for (Object o : rows) {
      int calls = ((JsonObject) o).getInteger("calls");
      int x = (int) (x1 + calls * xScale);
      g.drawLine(x, yBottom, x, yBottom + 4);
      g.drawString(String.valueOf(calls), x - 10, yBottom + 16);
    }
    g.drawString("concurrent calls (recorded)", x2 - 170, yBottom + 32);
    int ty = (int) (yBottom - target * yScale);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(x1, ty, x2, ty);
    g.drawString(targetLabel, x2 - 90, ty - 4);
    g.setStroke(new BasicStroke(2));
    for (int s = 0; s < keys.size(); s++) {
      g.setColor(SERIES[s]);
      List<int[]> points = new ArrayList<>();
      for (Object o : rows) {
        JsonObject row = (JsonObject) o;
        if (row.getValue(keys.get(s)) instanceof Number n) {
          points.add(new int[] {(int) (x1 + row.getInteger("calls") * xScale),
              (int) (yBottom - n.doubleValue() * yScale)});
        }
      }
      for (int i = 0; i < points.size(); i++) {
        int[] p = points.get(i);
        g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
        if (i > 0) {
          int[] q = points.get(i - 1);
          g.drawLine(q[0], q[1], p[0], p[1]);
        }
      }
      g.drawString(labels.get(s), x1 + 10 + s * 140, yTop + 2);
    }
    g.setStroke(new BasicStroke(1));
  }
}
