package dev.cascade.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPU and memory of the stack over a measured window, per process: the stack JVM, the Kafka broker, and, in the
 * deployment shape ({@code deploy/local.sh --processes}), each service's own JVM; the benchmark itself and the whole
 * machine. CPU time from {@code /proc}, peak RSS ({@code VmHWM}, reset before), RSS and heap sampled every second
 * (heap from each JVM's Prometheus scrape: the stack JVM's through plan-service when the services share it, each
 * service's own otherwise).
 */
final class ResourceMeter {

    /** The services as the local stack names them, in the order the tables show them. */
    static final List<String> SERVICES = List.of("plan-service", "report-service", "aggregation-service",
            "notification-service");

    static final String STACK = "stack";
    static final String KAFKA = "kafka";
    static final String ONE_JVM = "one JVM";
    static final String PROCESSES = "processes";

    private final StackApi api;
    private final Measured stack;
    private final Measured broker;
    private final List<Measured> services = new ArrayList<>();
    private final double selfCpu0;
    private final double machine0;
    private final Sampler sampler;
    private double selfCpu;
    private double machineBusy;

    /** Finds the processes, resets their peak RSS and notes the CPU times the window starts with. */
    ResourceMeter(StackApi api, Options options) {
        this.api = api;
        Map<String, Long> pids = processes();
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("plan-service", options.plan());
        urls.put("report-service", options.report());
        urls.put("aggregation-service", options.aggregation());
        urls.put("notification-service", options.notification());
        // the stack JVM's heap is the services' only when they run inside it
        boolean oneJvm = SERVICES.stream().noneMatch(pids::containsKey);
        this.stack = new Measured(STACK, pids.get(STACK), oneJvm ? options.plan() : null);
        this.broker = new Measured(KAFKA, pids.get(KAFKA), null);
        for (String service : SERVICES) {
            if (pids.containsKey(service)) {
                services.add(new Measured(service, pids.get(service), urls.get(service)));
            }
        }
        this.selfCpu0 = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
        this.machine0 = ProcessStats.machineBusySeconds();
        this.sampler = new Sampler();
    }

    /** {@link #PROCESSES} when each service runs in a JVM of its own, else {@link #ONE_JVM}. */
    String shape() {
        return services.isEmpty() ? ONE_JVM : PROCESSES;
    }

    /** Starts sampling every second. */
    void start() {
        sampler.start();
    }

    /** Ends the window: stops sampling and notes the CPU times and peaks. */
    void stop() throws InterruptedException {
        sampler.stop();
        for (Measured process : all()) {
            process.end();
        }
        selfCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - selfCpu0;
        machineBusy = ProcessStats.machineBusySeconds() - machine0;
    }

    /**
     * The stack's processes running now: the stack JVM ({@code stack}), the Kafka broker ({@code kafka}) and, in the
     * deployment shape, each service's own JVM (by its id): name → pid.
     */
    static Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        Optional<Long> stackPid = ProcessStats.findStack();
        stackPid.ifPresent(pid -> pids.put(STACK, pid));
        stackPid.flatMap(ProcessStats::findBroker).ifPresent(pid -> pids.put(KAFKA, pid));
        Map<String, Long> services = stackPid.map(ProcessStats::findServices).orElse(Map.of());
        SERVICES.stream().filter(services::containsKey).forEach(service -> pids.put(service, services.get(service)));
        return pids;
    }

    /**
     * The figures of the window, {@code windowSeconds} long (after {@link #stop()}); reads the heap in use now.
     *
     * @param profiles where each process spent its CPU, when profiled ({@code --profile}), else empty
     */
    RunResult.Resources resources(double windowSeconds, List<RunResult.CpuProfile> profiles) {
        double measuredCpu = 0;
        for (Measured process : all()) {
            measuredCpu += Double.isNaN(process.cpu) ? 0 : process.cpu;
        }
        List<RunResult.ServiceFigures> serviceFigures = services.stream()
                .map(s -> new RunResult.ServiceFigures(s.name, s.figures(windowSeconds),
                        s.heap("the service's own JVM"), StoreCommandTimer.between(s.store0, s.storeEnd))).toList();
        return new RunResult.Resources(Percentiles.round(windowSeconds), shape(), stack.figures(windowSeconds),
                broker.figures(windowSeconds),
                stack.heap(services.isEmpty() ? "the four services share the stack JVM: one heap for all four"
                        : "the stack JVM without the services (the embedded store holds every document in it), over"
                        + " JMX; after GC: the heap in use after each pool's last collection"),
                serviceFigures, Percentiles.round(selfCpu), Percentiles.round(machineBusy),
                Percentiles.round(machineBusy - measuredCpu - selfCpu), ProcessStats.loadAverage(), profiles);
    }

    private List<Measured> all() {
        List<Measured> all = new ArrayList<>(List.of(stack, broker));
        all.addAll(services);
        return all;
    }

    /** One process over the window; {@code heapFrom}: the service whose Prometheus scrape shows its heap, or null. */
    private final class Measured {
        final String name;
        final Long pid;
        final URI heapFrom;
        final boolean peakReset;
        final double cpu0;
        double cpu = Double.NaN;
        double hwm = Double.NaN;
        volatile double rssPeak = Double.NaN;
        volatile double heapPeak = Double.NaN;
        volatile double liveDataPeak = Double.NaN;
        /** Its collections over JMX (each process's pauses; the heap too where no scrape shows it), or null. */
        final JvmProbe probe;
        final double gc0;
        double gc = Double.NaN;
        double heapMaxAtEnd = Double.NaN;
        double heapUsedAtEnd = Double.NaN;
        /** A service's store commands at the window's start and end (its own scrape; null for the others). */
        final Map<StoreCommandTimer.Key, StoreCommandTimer.Totals> store0;
        Map<StoreCommandTimer.Key, StoreCommandTimer.Totals> storeEnd;

        Measured(String name, Long pid, URI heapFrom) {
            this.name = name;
            this.pid = pid;
            this.heapFrom = heapFrom;
            this.probe = pid == null ? null : JvmProbe.attach(pid, name);
            this.gc0 = probe == null ? Double.NaN : probe.gcSeconds();
            this.peakReset = pid != null && ProcessStats.resetPeak(pid);
            this.cpu0 = pid == null ? Double.NaN : ProcessStats.cpuSeconds(pid);
            this.store0 = service() ? StoreCommandTimer.read(api, heapFrom) : null;
        }

        /** A service in a JVM of its own (its scrape is its own). */
        boolean service() {
            return pid != null && heapFrom != null && SERVICES.contains(name);
        }

        void sample() {
            if (pid == null) {
                return;
            }
            rssPeak = max(rssPeak, ProcessStats.statusMb(pid, "VmRSS"));
            if (heapFrom == null && probe != null) {
                heapPeak = max(heapPeak, probe.heapUsedMb() * 1048576.0);
                liveDataPeak = max(liveDataPeak, probe.heapAfterGcMb() * 1048576.0);
            } else if (heapFrom != null) {
                heapPeak = max(heapPeak, api.heapGauge(heapFrom, "jvm_memory_used_bytes"));
                // 0 until the JVM's first collection of the old generation: not measured yet, not empty
                double liveData = api.gauge(heapFrom, "jvm_gc_live_data_size_bytes", "");
                liveDataPeak = max(liveDataPeak, liveData > 0 ? liveData : Double.NaN);
            }
        }

        void end() {
            if (pid != null) {
                cpu = ProcessStats.cpuSeconds(pid) - cpu0;
                hwm = ProcessStats.statusMb(pid, "VmHWM");
            }
            if (probe != null) {
                gc = probe.gcSeconds() - gc0;
                heapMaxAtEnd = probe.heapMaxMb() * 1048576.0;
                heapUsedAtEnd = probe.heapUsedMb() * 1048576.0;
                probe.close();
            }
            if (service()) {
                storeEnd = StoreCommandTimer.read(api, heapFrom);
            }
        }

        RunResult.ProcessFigures figures(double windowSeconds) {
            return new RunResult.ProcessFigures(pid, Percentiles.round(cpu), Percentiles.round(cpu / windowSeconds),
                    Percentiles.round(hwm), peakReset, Percentiles.round(rssPeak), Percentiles.round(gc));
        }

        RunResult.Heap heap(String note) {
            double max = heapFrom == null ? heapMaxAtEnd : api.heapGauge(heapFrom, "jvm_memory_max_bytes");
            double usedAfter = heapFrom == null ? heapUsedAtEnd : api.heapGauge(heapFrom, "jvm_memory_used_bytes");
            return new RunResult.Heap(note, pid == null ? null : xmx(ProcessStats.cmdline(pid)),
                    Percentiles.round(max / 1048576.0), Percentiles.round(heapPeak / 1048576.0),
                    Percentiles.round(liveDataPeak / 1048576.0), Percentiles.round(usedAfter / 1048576.0));
        }
    }

    /** Samples every second the resident set of every process and the heaps in use. */
    private final class Sampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

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
            all().forEach(Measured::sample);
        }

        private void loop() {
            while (running.get()) {
                all().forEach(Measured::sample);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
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
