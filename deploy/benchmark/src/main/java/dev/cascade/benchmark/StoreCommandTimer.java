package dev.cascade.benchmark;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MongoDB driver's command timer ({@code mongodb_driver_commands_seconds}, which Spring Boot registers for every
 * service's store client) as a service's Prometheus scrape shows it, and its change over a window: how many round
 * trips to the store the service made per report, and how long it waited for their answers.
 */
final class StoreCommandTimer {

    static final String FAMILY = "mongodb_driver_commands_seconds";
    private static final Pattern COLLECTION = Pattern.compile("[{,]collection=\"([^\"]*)\"");
    private static final Pattern COMMAND = Pattern.compile("[{,]command=\"([^\"]*)\"");

    /** One collection's command. */
    record Key(String collection, String command) {
    }

    /** A timer's count and sum, added up over its other labels (status, server, cluster). */
    record Totals(long count, double seconds) {

        Totals plus(Totals other) {
            return new Totals(count + other.count, seconds + other.seconds);
        }
    }

    private StoreCommandTimer() {
    }

    /** The timer's totals by collection and command in the service's scrape now; null if unreadable. */
    static Map<Key, Totals> read(StackApi api, java.net.URI service) {
        return parse(api.scrape(service, FAMILY));
    }

    /**
     * The timer's totals by collection and command in a scrape of its family: empty when it has none (no command yet),
     * null when there is no scrape.
     */
    static Map<Key, Totals> parse(String scrape) {
        if (scrape == null) {
            return null;
        }
        Map<Key, Totals> totals = new HashMap<>();
        for (String line : scrape.split("\n")) {
            boolean count = line.startsWith(FAMILY + "_count{");
            if (!count && !line.startsWith(FAMILY + "_sum{")) {
                continue;
            }
            String labels = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
            Key key = new Key(label(COLLECTION, labels), label(COMMAND, labels));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            totals.merge(key, count ? new Totals((long) value, 0) : new Totals(0, value), Totals::plus);
        }
        return totals;
    }

    private static String label(Pattern label, String labels) {
        Matcher m = label.matcher(labels);
        return m.find() ? m.group(1) : "";
    }

    /**
     * What happened between two scrapes of one process: the commands that completed in between, by collection and
     * command (most first); null when either scrape could not be read.
     */
    static RunResult.StoreCommands between(Map<Key, Totals> start, Map<Key, Totals> end) {
        if (start == null || end == null) {
            return null;
        }
        List<RunResult.StoreCommand> byCommand = end.entrySet().stream()
                .map(e -> {
                    Totals before = start.getOrDefault(e.getKey(), new Totals(0, 0));
                    return new RunResult.StoreCommand(e.getKey().collection(), e.getKey().command(),
                            e.getValue().count() - before.count(),
                            Percentiles.round(e.getValue().seconds() - before.seconds()));
                })
                .filter(c -> c.count() > 0)
                .sorted(Comparator.comparingLong(RunResult.StoreCommand::count).reversed()
                        .thenComparing(RunResult.StoreCommand::collection)
                        .thenComparing(RunResult.StoreCommand::command))
                .toList();
        long count = byCommand.stream().mapToLong(RunResult.StoreCommand::count).sum();
        double seconds = byCommand.stream().mapToDouble(RunResult.StoreCommand::seconds).sum();
        return new RunResult.StoreCommands(count, Percentiles.round(seconds), byCommand);
    }
}
