package io.payguard.bench.report;

import io.payguard.bench.load.LatencySummary;
import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * HTTP latency (p50, p90, p99, p99.9; log scale) against offered rate for the open-model payments runs
 * of one batch, drawn with java.awt in headless mode: no plotting library, no Python needed.
 */
public final class LatencyPlot {

  static final int WIDTH = 900;
  static final int HEIGHT = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 170;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  record Point(double rate, LatencySummary latency) {
  }

  private record Series(String name, Color color, ToDoubleFunction<LatencySummary> value) {
  }

  private static final List<Series> SERIES = List.of(
    new Series("p50", new Color(0x1f77b4), LatencySummary::p50),
    new Series("p90", new Color(0x2ca02c), LatencySummary::p90),
    new Series("p99", new Color(0xff7f0e), LatencySummary::p99),
    new Series("p99.9", new Color(0xd62728), LatencySummary::p999));

  private LatencyPlot() {
  }

  /** 1, 2 or 5 times a power of ten: axis labels a reader can interpolate. */
  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double m = rough / power;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
  }

  /** The open-model payments runs among {@code docs}, by offered rate. */
  static List<Point> points(List<JsonObject> docs) {
    List<Point> points = new ArrayList<>();
    for (JsonObject doc : docs) {
      JsonObject params = doc.getJsonObject("parameters", new JsonObject());
      JsonObject results = doc.getJsonObject("results", new JsonObject());
      if (doc.getString("scenario", "").startsWith("payments-open") && params.containsKey("offered_rate_per_s")
        && results.containsKey("latency_ms") && results.getLong("accepted", 0L) > 0) {
        points.add(new Point(params.getDouble("offered_rate_per_s"), LatencySummary.fromJson(results.getJsonObject("latency_ms"))));
      }
    }
    points.sort(Comparator.comparingDouble(Point::rate));
    return points;
  }

  public static boolean write(List<JsonObject> docs, String title, Path png) {
    List<Point> points = points(docs);
    if (points.isEmpty()) {
      return false;
    }
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g, points, title);
    } finally {
      g.dispose();
    }
    try {
      if (png.getParent() != null) {
        Files.createDirectories(png.getParent());
      }
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private static void draw(Graphics2D g, List<Point> points, String title) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double step = niceStep(points.stream().mapToDouble(Point::rate).max().orElse(1) * 1.1 / 5);
    double maxRate = step * Math.ceil(points.stream().mapToDouble(Point::rate).max().orElse(1) * 1.1 / step);
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (Point p : points) {
      for (Series s : SERIES) {
        double v = Math.max(0.01, s.value().applyAsDouble(p.latency()));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    int decadeLo = (int) Math.floor(Math.log10(lo));
    int decadeHi = Math.max(decadeLo + 1, (int) Math.ceil(Math.log10(hi)));
    double yLo = decadeLo;
    double ySpan = decadeHi - decadeLo;

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // Grid and axes: one line per decade on y, five steps on x.
    for (int d = decadeLo; d <= decadeHi; d++) {
      int y = TOP + plotH - (int) Math.round((d - yLo) / ySpan * plotH);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      String label = d >= 0 ? String.valueOf((long) Math.pow(10, d)) : String.format(Locale.ROOT, "%s", Math.pow(10, d));
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    for (double rate = 0; rate <= maxRate + step / 2; rate += step) {
      int x = LEFT + (int) Math.round(rate / maxRate * plotW);
      g.setColor(new Color(0xeeeeee));
      g.drawLine(x, TOP, x, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String label = String.valueOf(Math.round(rate));
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString("offered rate (payments/s, open model)", LEFT + plotW / 2 - 110, HEIGHT - 18);
    g.rotate(-Math.PI / 2);
    g.drawString("HTTP latency from intended send (ms, log)", -(TOP + plotH / 2 + 120), 22);
    g.rotate(Math.PI / 2);

    int legendY = TOP + 10;
    for (Series s : SERIES) {
      g.setColor(s.color());
      g.setStroke(new BasicStroke(2.2f));
      int px = -1;
      int py = -1;
      for (Point p : points) {
        int x = LEFT + (int) Math.round(p.rate() / maxRate * plotW);
        double v = Math.log10(Math.max(0.01, s.value().applyAsDouble(p.latency())));
        int y = TOP + plotH - (int) Math.round((v - yLo) / ySpan * plotH);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.drawLine(LEFT + plotW + 20, legendY, LEFT + plotW + 50, legendY);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), LEFT + plotW + 58, legendY + 4);
      legendY += 22;
    }
  }
}
