package io.switchboard.media.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The prompt library: every clip, loaded once at start and kept in memory (about 1.5 MB of 16-bit samples a
 * language).
 *
 * <p>Built-in clips are {@code prompts/<lang>/<id>.wav} on the classpath, listed in {@code prompts/index.txt}
 * (written by {@code tools/prompts/generate}). An admin may drop recordings into an override folder,
 * {@code <folder>/<lang>/<id>.wav}: a file there replaces the built-in clip with the same language and id, or adds
 * a new id or language. A clip missing in a language falls back to {@code en}, with a warning logged once per
 * language and id.
 *
 * <p>Thread-safe and immutable after {@link #load}. {@code load} reads files: call it at start, off the event loops.
 */
public final class Prompts {
  /** The languages with built-in clips. */
  public static final List<String> LANGUAGES = List.of("en", "ru", "uk");
  /** Where a clip missing in another language is taken from. */
  public static final String FALLBACK = "en";

  static final String RESOURCE_ROOT = "prompts/";
  private static final Pattern LANG = Pattern.compile("[a-z]{2,3}");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Logger LOG = Logger.getLogger(Prompts.class.getName());

  /** lang → id → clip. */
  private final Map<String, Map<String, Clip>> clips;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private Prompts(Map<String, Map<String, Clip>> clips) {
    this.clips = clips;
  }

  /**
   * Loads the built-in clips, then the override folder's.
   *
   * @param overrideDirOrNull a folder with {@code <lang>/<id>.wav} files, e.g. {@code <data.dir>/prompts}; null or a
   *                          folder that does not exist means none
   * @throws InvalidPromptException naming the file, if any clip is not a WAV we accept or an override file is
   *                                misnamed (nothing is half-loaded: fix the file and start again)
   */
  public static Prompts load(Path overrideDirOrNull) {
    Map<String, Map<String, Clip>> all = new TreeMap<>();
    for (String entry : builtInIndex()) {
      String[] parts = entry.split("/");
      String resource = RESOURCE_ROOT + entry + ".wav";
      byte[] bytes = readResource(resource);
      put(all, new Clip(parts[0], parts[1], WavDecoder.decode("classpath:" + resource, bytes)));
    }
    if (overrideDirOrNull != null && Files.isDirectory(overrideDirOrNull)) {
      int overridden = 0;
      for (Path file : overrideFiles(overrideDirOrNull)) {
        String lang = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".wav".length());
        if (!LANG.matcher(lang).matches() || !file.getParent().getParent().equals(overrideDirOrNull)) {
          throw new InvalidPromptException("prompt " + file + ": put recordings in a language folder, "
              + overrideDirOrNull.resolve("<lang>/<id>.wav") + ", where <lang> is e.g. en, ru or uk");
        }
        if (!ID.matcher(id).matches()) {
          throw new InvalidPromptException("prompt " + file + ": the file name must be the prompt id in lower case "
              + "(letters, digits, '-'), e.g. welcome.wav");
        }
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException e) {
          throw new InvalidPromptException("prompt " + file + ": cannot read: " + e.getMessage(), e);
        }
        put(all, new Clip(lang, id, WavDecoder.decode(file.toString(), bytes)));
        overridden++;
      }
      int n = overridden;
      LOG.info(() -> "prompts: " + n + " recordings from " + overrideDirOrNull + " replace or add to built-in ones");
    }
    LOG.fine(() -> "prompts: " + count(all) + " clips in " + all.keySet());
    Map<String, Map<String, Clip>> frozen = new TreeMap<>();
    all.forEach((lang, byId) -> frozen.put(lang, Collections.unmodifiableMap(byId)));
    return new Prompts(Collections.unmodifiableMap(frozen));
  }

  /**
   * The clip {@code id} in {@code lang}; if that language lacks it, the {@code en} clip (logged once). Empty if
   * neither has it.
   */
  public Optional<Clip> clip(String lang, String id) {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(id, "id");
    Clip clip = clips.getOrDefault(lang, Map.of()).get(id);
    if (clip != null) {
      return Optional.of(clip);
    }
    Clip fallback = clips.getOrDefault(FALLBACK, Map.of()).get(id);
    if (warned.add(lang + "/" + id)) {
      if (fallback != null) {
        LOG.warning(() -> "prompt " + lang + "/" + id + " is missing; playing the " + FALLBACK + " one");
      } else {
        LOG.warning(() -> "prompt " + lang + "/" + id + " is missing, and has no " + FALLBACK + " fallback");
      }
    }
    return Optional.ofNullable(fallback);
  }

  /** The clips for {@code ids}, in order, each looked up as {@link #clip}; ids with no clip at all are left out. */
  public List<Clip> clips(String lang, List<String> ids) {
    List<Clip> result = new ArrayList<>(ids.size());
    for (String id : ids) {
      clip(lang, id).ifPresent(result::add);
    }
    return result;
  }

  /** The ids recorded in {@code lang} itself (without the fallback); empty for an unknown language. */
  public Set<String> ids(String lang) {
    return Collections.unmodifiableSet(clips.getOrDefault(lang, Map.of()).keySet());
  }

  /** Languages that have at least one clip. */
  public Set<String> languages() {
    return clips.keySet();
  }

  private static void put(Map<String, Map<String, Clip>> all, Clip clip) {
    all.computeIfAbsent(clip.lang(), l -> new TreeMap<>()).put(clip.id(), clip);
  }

  private static int count(Map<String, Map<String, Clip>> all) {
    return all.values().stream().mapToInt(Map::size).sum();
  }

  private static List<String> builtInIndex() {
    byte[] index = readResource(RESOURCE_ROOT + "index.txt");
    List<String> entries = new ArrayList<>();
    for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] parts = entry.split("/");
      if (parts.length != 2 || !LANG.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()) {
        throw new IllegalStateException("classpath:" + RESOURCE_ROOT + "index.txt: bad entry '" + entry + "'");
      }
      entries.add(entry);
    }
    return entries;
  }

  private static byte[] readResource(String resource) {
    try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath:" + resource + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + resource, e);
    }
  }

  /** Every *.wav under {@code dir}, one or two levels down, sorted so the load order is always the same. */
  private static List<Path> overrideFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list prompt folder " + dir, e);
    }
  }

  @Override
  public String toString() {
    Map<String, Integer> sizes = new TreeMap<>();
    clips.forEach((lang, byId) -> sizes.put(lang, byId.size()));
    return "Prompts" + sizes;
  }
}
