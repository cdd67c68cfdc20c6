package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;

import java.io.PrintStream;
import java.util.List;

/**
 * The reporters' log-ins over the runs of one invocation: before the first burst every reporting commune's clerk
 * logs in ({@link ReporterTokens}, timed); a later run uses the same tokens while every one of them is valid for
 * {@value #RENEW_BEFORE_SECONDS} s more (longer than a run's burst and checks), else they all log in again.
 */
final class ReporterLogins {

    /** Tokens with less than this left are fetched again before a run (a run's burst takes a few minutes). */
    static final long RENEW_BEFORE_SECONDS = 1800;

    private final String issuer;
    private final int parallelism;
    private final PrintStream out;
    private ReporterTokens current;
    private List<String> units;
    private int fetchedInRun;

    ReporterLogins(String issuer, int parallelism, PrintStream out) {
        this.issuer = issuer;
        this.parallelism = parallelism;
        this.out = out;
    }

    /** The headers for {@code communes} (in their order) before run {@code run}, and how they were got. */
    Prepared prepare(int run, List<Commune> communes) throws InterruptedException {
        List<String> wanted = communes.stream().map(Commune::code).toList();
        if (current != null && wanted.equals(units) && current.validFor(RENEW_BEFORE_SECONDS)) {
            out.printf("Reporters' tokens: the %,d of run %d, valid until %s%n", wanted.size(), fetchedInRun,
                    current.earliestExpiry());
            return new Prepared(current.headers(), new RunResult.TokenFetch(issuer, wanted.size(), 0, null, null,
                    parallelism, "the tokens fetched before run " + fetchedInRun + ", every one still valid until "
                    + current.earliestExpiry()));
        }
        out.printf("Reporters log in: %,d tokens from %s, %d in parallel ...%n", wanted.size(), issuer, parallelism);
        current = ReporterTokens.fetch(new DemoTokens(issuer), wanted, parallelism);
        units = wanted;
        fetchedInRun = run;
        out.printf("Token fetch: %,d reporters' tokens in %.2f s (%,.0f/s), before the burst and not in its figures%n",
                current.fetched(), current.seconds(), current.perSecond());
        return new Prepared(current.headers(), new RunResult.TokenFetch(issuer, wanted.size(), current.fetched(),
                Percentiles.round(current.seconds()), Percentiles.round(current.perSecond()), parallelism,
                "every reporter's token fetched (grant " + DemoTokens.GRANT + "), before the burst; a clerk logs in "
                        + "once, then submits"));
    }

    /** The headers of a run's reports and the figure of how they were got. */
    record Prepared(String[] headers, RunResult.TokenFetch figures) {
    }
}
