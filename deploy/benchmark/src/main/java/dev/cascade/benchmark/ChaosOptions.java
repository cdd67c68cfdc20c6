package dev.cascade.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Command-line options of {@link ChaosRun} ({@code --name value} pairs; names it does not know are ignored). */
record ChaosOptions(int kills, int clients, int burstSeconds, long maxMinutes, String provinces, long seed,
                    int basePort, String heap, boolean keep) {

    static final String USAGE = "usage: ChaosRun [--kills 20] [--clients 8] [--provinces 30,89,...] "
            + "[--burst-seconds 200] [--max-minutes 10] [--seed N] [--base-port 29000] [--heap 512m]";

    /**
     * The options, or empty when an option name does not start with {@code --}.
     *
     * @throws NumberFormatException when a number is not one
     */
    static Optional<ChaosOptions> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return Optional.empty();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        // 2,241 communes by default: the demo's five provinces and Thanh Hóa, Hà Nội, Nghệ An
        return Optional.of(new ChaosOptions(Integer.parseInt(options.getOrDefault("kills", "20")),
                Integer.parseInt(options.getOrDefault("clients", "8")),
                Integer.parseInt(options.getOrDefault("burst-seconds", "180")),
                Long.parseLong(options.getOrDefault("max-minutes", "10")),
                options.getOrDefault("provinces", "30,89,22,92,68,38,01,40"),
                Long.parseLong(options.getOrDefault("seed", "2026")),
                Integer.parseInt(options.getOrDefault("base-port", "29000")), options.getOrDefault("heap", "512m"),
                "true".equals(options.get("keep"))));
    }
}
