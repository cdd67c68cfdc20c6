package dev.cascade.benchmark;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPU and memory of the stack JVM, the Kafka broker, the benchmark itself and the whole machine over a measured window:
 * CPU time from {@code /proc}, peak RSS ({@code VmHWM}, reset before), RSS and heap sampled every second.
 */
final class ResourceMeter {

    private final StackApi api;
    private final URI plan;
    private final Optional<Long> stack;
    private final Optional<Long> broker;
    private final boolean stackPeakReset;
    private final boolean brokerPeakReset;
    private final double stackCpu0;
    private final double brokerCpu0;
    private final double selfCpu0;
    private final double machine0;
    private final Sampler sampler;
    private double stackCpu;
    private double brokerCpu;
    private double selfCpu;
    private double machineBusy;
    private double stackHwm;
    private double brokerHwm;

    /** Finds the stack and the broker, resets their peak RSS and notes the CPU times the window starts with. */
    ResourceMeter(StackApi api, URI plan) {
        this.api = api;
        this.plan = plan;
        this.stack = ProcessStats.findStack();
        this.broker = stack.flatMap(ProcessStats::findBroker);
        this.stackPeakReset = stack.map(ProcessStats::resetPeak).orElse(false);
        this.brokerPeakReset = broker.map(ProcessStats::resetPeak).orElse(false);
        this.stackCpu0 = stack.map(ProcessStats::cpuSeconds).orElse(Double.NaN);
        this.brokerCpu0 = broker.map(ProcessStats::cpuSeconds).orElse(Double.NaN);
        this.selfCpu0 = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
        this.machine0 = ProcessStats.machineBusySeconds();
        this.sampler = new Sampler();
    }

    /** Starts sampling every second. */
    void start() {
        sampler.start();
    }

    /** Ends the window: stops sampling and notes the CPU times and peaks. */
    void stop() throws InterruptedException {
        sampler.stop();
        stackCpu = stack.map(ProcessStats::cpuSeconds).orElse(Double.NaN) - stackCpu0;
        brokerCpu = broker.map(ProcessStats::cpuSeconds).orElse(Double.NaN) - brokerCpu0;
        selfCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - selfCpu0;
        machineBusy = ProcessStats.machineBusySeconds() - machine0;
        stackHwm = stack.map(pid -> ProcessStats.statusMb(pid, "VmHWM")).orElse(Double.NaN);
        brokerHwm = broker.map(pid -> ProcessStats.statusMb(pid, "VmHWM")).orElse(Double.NaN);
    }

    /** The figures of the window, {@code windowSeconds} long (after {@link #stop()}); reads the heap in use now. */
    RunResult.Resources resources(double windowSeconds) {
        return new RunResult.Resources(Percentiles.round(windowSeconds),
                new RunResult.ProcessFigures(stack.orElse(null), Percentiles.round(stackCpu),
                        Percentiles.round(stackCpu / windowSeconds), Percentiles.round(stackHwm), stackPeakReset,
                        Percentiles.round(sampler.stackRssPeak)),
                new RunResult.ProcessFigures(broker.orElse(null), Percentiles.round(brokerCpu),
                        Percentiles.round(brokerCpu / windowSeconds), Percentiles.round(brokerHwm), brokerPeakReset,
                        Percentiles.round(sampler.brokerRssPeak)),
                new RunResult.Heap("the four services share the stack JVM: one heap for all four",
                        stack.map(pid -> xmx(ProcessStats.cmdline(pid))).orElse(null),
                        Percentiles.round(api.heapGauge(plan, "jvm_memory_max_bytes") / 1048576.0),
                        Percentiles.round(sampler.heapPeak / 1048576.0),
                        Percentiles.round(sampler.liveDataPeak / 1048576.0),
                        Percentiles.round(api.heapGauge(plan, "jvm_memory_used_bytes") / 1048576.0)),
                Percentiles.round(selfCpu), Percentiles.round(machineBusy),
                Percentiles.round(machineBusy - stackCpu - brokerCpu - selfCpu), ProcessStats.loadAverage());
    }

    /** Samples every second the resident set of the stack and the broker, and the stack's heap in use. */
    private final class Sampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        volatile double stackRssPeak = Double.NaN;
        volatile double brokerRssPeak = Double.NaN;
        volatile double heapPeak = Double.NaN;
        volatile double liveDataPeak = Double.NaN;

        Sampler() {
            this.thread = new Thread(this::loop, "resource-sampler");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
            sample();
        }

        private void loop() {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            stack.ifPresent(pid -> stackRssPeak = max(stackRssPeak, ProcessStats.statusMb(pid, "VmRSS")));
            broker.ifPresent(pid -> brokerRssPeak = max(brokerRssPeak, ProcessStats.statusMb(pid, "VmRSS")));
            heapPeak = max(heapPeak, api.heapGauge(plan, "jvm_memory_used_bytes"));
            liveDataPeak = max(liveDataPeak, api.gauge(plan, "jvm_gc_live_data_size_bytes", ""));
        }

        private double max(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }
    }

    /** The -Xmx option on a java command line, or "default". */
    static String xmx(String cmdline) {
        String found = "default";
        for (String part : cmdline.split(" ")) {
            if (part.startsWith("-Xmx")) {
                found = part.substring(4);
            }
        }
        return found;
    }
}
