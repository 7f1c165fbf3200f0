package io.jenkins.plugins.criticalchangegate.report;

import io.jenkins.plugins.criticalchangegate.text.Counted;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's two charts as inline SVG (no script, no external file; they print as they show): gates per week
 * stacked by outcome, and how long gates waited from request to decision, in buckets people think in. Every bar has a
 * {@code <title>} and every axis a text label, so the numbers can be read without the colours.
 */
final class SvgCharts {
    static final Map<String, String> COLOURS = Map.of("APPROVED", "#2e7d32", "REJECTED", "#c62828",
            "EXPIRED", "#ef6c00", "ABORTED", "#6d4c41", "DENIED", "#6a1b9a", "NOT_CRITICAL", "#90a4ae",
            "PENDING", "#1565c0");
    /** Upper bounds of the waiting-time buckets, and their labels. */
    static final List<Duration> BOUNDS = List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofDays(1), Duration.ofDays(3));
    static final List<String> BUCKETS = List.of("< 1 min", "< 1 h", "< 4 h", "< 1 day", "< 3 days", ">= 3 days");
    private static final int HEIGHT = 160;
    private static final int TOP = 16;
    private static final int LEFT = 36;

    private SvgCharts() {
    }

    /** Gates per week, one stacked bar per week, coloured by outcome. */
    static String gatesPerWeek(Map<LocalDate, Map<String, Integer>> weeks) {
        int max = 1;
        for (Map<String, Integer> week : weeks.values()) {
            max = Math.max(max, week.values().stream().mapToInt(Integer::intValue).sum());
        }
        int bar = Math.max(8, Math.min(40, 600 / Math.max(1, weeks.size())));
        int width = LEFT + weeks.size() * (bar + 6) + 10;
        StringBuilder svg = open(Math.max(width, 260), "Gates per week by outcome", max);
        int x = LEFT + 4;
        for (Map.Entry<LocalDate, Map<String, Integer>> week : weeks.entrySet()) {
            double y = TOP + HEIGHT;
            for (String outcome : ReportData.OUTCOMES) {
                int n = week.getValue().getOrDefault(outcome, 0);
                if (n == 0) {
                    continue;
                }
                double h = (double) n * HEIGHT / max;
                y -= h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                        + " fill=\"%s\"><title>week of %s: %d %s</title></rect>", x, y, bar, h,
                        COLOURS.get(outcome), week.getKey(), n, outcome));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" transform=\"rotate(45 %d"
                    + " %d)\">%s</text>", x, TOP + HEIGHT + 12, x, TOP + HEIGHT + 12, week.getKey()));
            x += bar + 6;
        }
        return svg.append("</svg>").toString();
    }

    /** How many gates waited how long from request to decision. */
    static String timeToDecision(List<Duration> times) {
        int[] counts = new int[BUCKETS.size()];
        for (Duration d : times) {
            counts[bucket(d)]++;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        int bar = 56;
        StringBuilder svg = open(LEFT + BUCKETS.size() * (bar + 10) + 10, "Time from request to decision", max);
        int x = LEFT + 4;
        for (int i = 0; i < counts.length; i++) {
            double h = (double) counts[i] * HEIGHT / max;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                    + " fill=\"#1565c0\"><title>%s: %s</title></rect>", x, TOP + HEIGHT - h, bar, h,
                    Html.text(BUCKETS.get(i)), Counted.of(counts[i], "gate")));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\">%d</text>",
                    x + bar / 2 - 3, TOP + HEIGHT - h - 3, counts[i]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", x,
                    TOP + HEIGHT + 14, Html.text(BUCKETS.get(i))));
            x += bar + 10;
        }
        return svg.append("</svg>").toString();
    }

    static int bucket(Duration d) {
        for (int i = 0; i < BOUNDS.size(); i++) {
            if (d.compareTo(BOUNDS.get(i)) < 0) {
                return i;
            }
        }
        return BOUNDS.size();
    }

    private static StringBuilder open(int width, String title, int max) {
        int height = TOP + HEIGHT + 52;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>", width, height, width, height, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                LEFT, TOP, LEFT, TOP + HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                LEFT, TOP + HEIGHT, width - 4, TOP + HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%d</text>", TOP + 4, max));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">0</text>", TOP + HEIGHT));
        return svg;
    }
}
