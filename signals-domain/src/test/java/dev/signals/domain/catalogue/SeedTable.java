package dev.signals.domain.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the seeds' "Risk Signals - Phone" tables and sample results, copied verbatim into
 * {@code src/test/resources/seed}, and turns them into signal names by the naming rule of
 * CONTRACT §3.1, written out here independently of the production code.
 */
final class SeedTable {

    /** ✅ in the Alpha page, and its mojibake in the Beta page. */
    private static final List<String> DEFAULT_MARKS = List.of("\u2705", "\u00e2\u0153\u2026");
    /** 🟨 in the Alpha page, and its mojibake in the Beta page. */
    private static final List<String> AVAILABLE_MARKS = List.of("\ud83d\udfe8", "\u00f0\u0178\u0178\u00a8");

    private SeedTable() {
    }

    /** Every signal of the table: name → "DEFAULT" or "AVAILABLE", in the order of the table. */
    static Map<String, String> availabilityByName(String resource) {
        Map<String, String> signals = new LinkedHashMap<>();
        for (String line : read(resource).split("\\R")) {
            if (!line.startsWith("| ") || line.startsWith("| Signal ") || line.startsWith("| :")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String label = cells[1].strip();
            String sinceLast = cells[2].strip();
            List<String> windows = List.of(cells[3].strip(), cells[4].strip(), cells[5].strip());
            if (label.endsWith(" days since last")) {
                String type = typeOf(label.substring(0, label.length() - " days since last".length()));
                put(signals, "events_" + type + "_days_since_last", sinceLast);
                windows.forEach(cell -> requireNotApplicable(label, cell));
                continue;
            }
            requireNotApplicable(label, sinceLast);
            int[] days = {30, 90, 180};
            for (int i = 0; i < days.length; i++) {
                put(signals, windowedName(label, days[i]), windows.get(i));
            }
        }
        return signals;
    }

    /** The Beta page's {@code items} table: name → description. */
    static Map<String, String> descriptionByName(String resource) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String line : read(resource).split("\\R")) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[1].strip().startsWith("events_")) {
                descriptions.put(cells[1].strip(), cells[3].strip());
            }
        }
        return descriptions;
    }

    /** The keys of the Alpha sample's {@code result} object, in their order. */
    static List<String> sampleResultKeys(String resource) {
        return matches(read(resource), "\"(events_[a-z0-9_]+)\"\\s*:");
    }

    /** The {@code name}s of the Beta sample's {@code items}, in their order. */
    static List<String> sampleItemNames(String resource) {
        return matches(read(resource), "\"name\"\\s*:\\s*\"([a-z0-9_]+)\"");
    }

    private static String windowedName(String label, int days) {
        String day = "_day" + days;
        if (label.equals("Overdue days")) {
            return "events_overdue" + day + "_days";
        }
        if (label.equals("Overdue autorepayment days")) {
            return "events_overdue" + day + "_autorepayment_days";
        }
        if (label.endsWith(" institution count")) {
            return "events_" + typeOf(label.substring(0, label.length() - " institution count".length()))
                    + day + "_institution_count";
        }
        if (label.endsWith(" amount")) {
            return "events_" + typeOf(label.substring(0, label.length() - " amount".length())) + day + "_amount";
        }
        return "events_" + typeOf(label) + day;
    }

    private static String typeOf(String words) {
        return words.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static void put(Map<String, String> signals, String name, String cell) {
        String availability;
        if (DEFAULT_MARKS.contains(cell)) {
            availability = "DEFAULT";
        } else if (AVAILABLE_MARKS.contains(cell)) {
            availability = "AVAILABLE";
        } else {
            throw new IllegalStateException("unexpected availability '" + cell + "' for " + name);
        }
        if (signals.put(name, availability) != null) {
            throw new IllegalStateException("the seed table names " + name + " twice");
        }
    }

    private static void requireNotApplicable(String label, String cell) {
        if (!cell.equals("N/A")) {
            throw new IllegalStateException("expected N/A in row " + label + ", found " + cell);
        }
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(String resource) {
        try (InputStream in = SeedTable.class.getResourceAsStream("/seed/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource seed/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
