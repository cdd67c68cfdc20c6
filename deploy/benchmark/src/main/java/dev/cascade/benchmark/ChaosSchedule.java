package dev.cascade.benchmark;

import dev.cascade.local.ChaosStack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The faults of the chaos run, spread over the burst: kills -9 of healthy instances at random moments (each restarted
 * at once, and watched until it is healthy and applies records again), the broker and the store restarted once each,
 * second instances of report- and aggregation-service from 10 % to 60 % of the burst. A failure of the schedule is
 * noted in {@code failures}.
 */
final class ChaosSchedule {

    /** The services that consume records: one of them is back once its consumers hold partitions again. */
    static final List<String> CONSUMING = List.of("report-service", "aggregation-service", "notification-service");

    /** One kill -9 and what followed. */
    static final class Kill {
        final String instance;
        final String service;
        final double atSeconds;
        volatile double healthySeconds = -1;
        volatile double applyingSeconds = -1;

        Kill(String instance, String service, double atSeconds) {
            this.instance = instance;
            this.service = service;
            this.atSeconds = atSeconds;
        }
    }

    private final ChaosStack stack;
    private final int killCount;
    private final long burstNanos;
    private final Random random;
    private final PrintStream out;
    private final List<String> failures;
    final List<Kill> kills = new CopyOnWriteArrayList<>();
    final List<String> seconds = new ArrayList<>();
    volatile double brokerAway = -1;
    volatile double storeAway = -1;
    volatile double secondSeconds;

    ChaosSchedule(ChaosStack stack, int killCount, int burstSeconds, Random random, PrintStream out,
                  List<String> failures) {
        this.stack = stack;
        this.random = random;
        this.out = out;
        this.failures = failures;
        this.killCount = killCount;
        this.burstNanos = TimeUnit.SECONDS.toNanos(burstSeconds);
    }

    void run() {
        long start = System.nanoTime();
        try {
            // the moments of the faults, in order: kills at random over the burst, the broker at a third, the
            // store at two thirds, second instances from 10 % to 60 %
            List<Double> moments = new ArrayList<>();
            for (int k = 0; k < killCount; k++) {
                moments.add(0.05 + 0.85 * random.nextDouble());
            }
            Collections.sort(moments);
            boolean brokerDone = false;
            boolean storeDone = false;
            boolean secondStarted = false;
            boolean secondStopped = false;
            long secondsStart = 0;
            int k = 0;
            while (k < moments.size() || !brokerDone || !storeDone || !secondStopped) {
                double now = (System.nanoTime() - start) / (double) burstNanos;
                if (!secondStarted && now >= 0.10) {
                    seconds.add(stack.startSecond("report-service"));
                    seconds.add(stack.startSecond("aggregation-service"));
                    secondsStart = System.nanoTime();
                    secondStarted = true;
                    out.printf("  %5.0f s  started %s%n", secondsSince(start), seconds);
                } else if (secondStarted && !secondStopped && now >= 0.60) {
                    for (String second : seconds) {
                        stack.stop(second);
                    }
                    secondSeconds = (System.nanoTime() - secondsStart) / 1e9;
                    secondStopped = true;
                    out.printf("  %5.0f s  stopped %s%n", secondsSince(start), seconds);
                } else if (!brokerDone && now >= 0.33) {
                    out.printf("  %5.0f s  restarting the broker%n", secondsSince(start));
                    brokerAway = stack.restartBroker();
                    brokerDone = true;
                    out.printf("  %5.0f s  broker back after %.1f s%n", secondsSince(start), brokerAway);
                } else if (!storeDone && now >= 0.66) {
                    out.printf("  %5.0f s  restarting the store%n", secondsSince(start));
                    storeAway = stack.restartStore();
                    storeDone = true;
                    out.printf("  %5.0f s  store back after %.1f s%n", secondsSince(start), storeAway);
                } else if (k < moments.size() && now >= moments.get(k)) {
                    // a healthy instance, at random; at most two instances down at once, so that the stack
                    // keeps moving between the blows
                    List<String> running = stack.instances().stream().filter(stack::alive).toList();
                    List<String> candidates = running.stream().filter(stack::healthy).toList();
                    if (!candidates.isEmpty() && running.size() - candidates.size() < 2) {
                        String victim = candidates.get(random.nextInt(candidates.size()));
                        Kill kill = new Kill(victim, stack.serviceOf(victim), secondsSince(start));
                        Map<String, String> before = CONSUMING.contains(kill.service)
                                ? stack.consumingMembers(victim, List.of(kill.service)) : Map.of();
                        long restarted = stack.killAndRestart(victim);
                        kills.add(kill);
                        out.printf("  %5.0f s  kill -9 %s (restarted)%n", kill.atSeconds, victim);
                        Thread watch = new Thread(() -> watchRecovery(kill, restarted, before),
                                "watch-" + victim);
                        watch.setDaemon(true);
                        watch.start();
                        k++;
                    } else {
                        Thread.sleep(500);
                    }
                } else {
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            failures.add("the chaos schedule failed: " + e);
        }
    }

    /**
     * Healthy: {@code /actuator/health} answers 200. Applying: every consumer the instance had before the kill is
     * back as a member with a new member id and holds partitions again.
     */
    private void watchRecovery(Kill kill, long restartedNanos, Map<String, String> membersBefore) {
        long limit = restartedNanos + TimeUnit.MINUTES.toNanos(4);
        boolean consuming = CONSUMING.contains(kill.service);
        List<String> groups = List.of(kill.service);
        while (System.nanoTime() < limit) {
            if (kill.healthySeconds < 0 && stack.healthy(kill.instance)) {
                kill.healthySeconds = (System.nanoTime() - restartedNanos) / 1e9;
                if (!consuming) {
                    kill.applyingSeconds = kill.healthySeconds;
                    return;
                }
            }
            if (kill.healthySeconds >= 0 && consuming && rejoined(membersBefore,
                    stack.consumingMembers(kill.instance, groups))) {
                kill.applyingSeconds = (System.nanoTime() - restartedNanos) / 1e9;
                return;
            }
            if (!stack.alive(kill.instance)) {
                return; // killed again, or stopped
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every consumer seen before the kill holds partitions again under a new member id. */
    private static boolean rejoined(Map<String, String> before, Map<String, String> now) {
        if (now.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> member : before.entrySet()) {
            String current = now.get(member.getKey());
            if (current == null || current.equals(member.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Seconds since {@code nanos} ({@link System#nanoTime()}). */
    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
