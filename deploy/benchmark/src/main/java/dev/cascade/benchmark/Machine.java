package dev.cascade.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the benchmark ran on, from {@code /proc} and {@code free} ("?" where not known). */
record Machine(String cpu, int cores, String memory, String free, String kernel, String java) {

    static Machine probe() {
        String cpu = "?";
        int cores = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && "?".equals(cpu)) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("processor")) {
                    cores++;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return new Machine(cpu, cores == 0 ? Runtime.getRuntime().availableProcessors() : cores,
                String.format("%.1f GB RAM", ProcessStats.statusMemTotalGb()), run("free", "-m"),
                read("/proc/sys/kernel/osrelease"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (Exception e) {
            return "?";
        }
    }
}
