package dev.cascade.identity;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link UnitDirectory} read once from plan-service's own unit data: CSV files {@code code,level,type,name,parent_code}
 * (the 2025-03 and 2025-07 lists) and JSON files with an {@code agencies} array of {@code {code, name}} (the demo
 * seeds' departments and offices). The ministry {@code BGDDT} is always there. About 14,000 entries, a few MB.
 */
public final class UnitFiles implements UnitDirectory {

    public static final String MINISTRY = "BGDDT";
    private static final String MINISTRY_NAME = "Bộ Giáo dục và Đào tạo";

    private record Entry(Level level, String name) {
    }

    private final Map<String, Entry> units;

    private UnitFiles(Map<String, Entry> units) {
        this.units = Map.copyOf(units);
    }

    /** Reads {@code locations} (Spring resource locations: {@code classpath:…}, {@code file:…}); the first file that names a unit gives its name (the 2025-03 list before the 2025-07 one). */
    public static UnitFiles read(List<String> locations) {
        return read(locations, new DefaultResourceLoader());
    }

    static UnitFiles read(List<String> locations, ResourceLoader loader) {
        Map<String, Entry> units = new HashMap<>();
        units.put(MINISTRY, new Entry(Level.MINISTRY, MINISTRY_NAME));
        for (String location : locations) {
            Resource resource = loader.getResource(location.strip());
            if (!resource.exists()) {
                throw new IllegalStateException("unit file " + location + " does not exist");
            }
            try (InputStream in = resource.getInputStream()) {
                if (location.strip().endsWith(".json")) {
                    readAgencies(in, units);
                } else {
                    readCsv(in, units);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading unit file " + location, e);
            }
        }
        return new UnitFiles(units);
    }

    private static void readCsv(InputStream in, Map<String, Entry> units) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.startsWith("code,level,")) {
            throw new IllegalStateException("not a unit list (code,level,type,name,parent_code): " + header);
        }
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            Level level = Level.valueOf(fields[1].strip().toUpperCase(Locale.ROOT));
            units.putIfAbsent(fields[0].strip(), new Entry(level, fields.length > 3 ? fields[3].strip() : fields[0].strip()));
        }
    }

    private static void readAgencies(InputStream in, Map<String, Entry> units) {
        JsonNode agencies = JsonMapper.builder().build().readTree(in).path("agencies");
        for (JsonNode agency : agencies) {
            String code = agency.path("code").asString();
            units.putIfAbsent(code, new Entry(Level.AGENCY, agency.path("name").asString(code)));
        }
    }

    @Override
    public Optional<Level> level(String code) {
        Entry entry = units.get(code);
        return entry == null ? Optional.empty() : Optional.of(entry.level());
    }

    @Override
    public String name(String code) {
        Entry entry = units.get(code);
        return entry == null ? code : entry.name();
    }

    /** How many units the directory holds. */
    public int size() {
        return units.size();
    }
}
