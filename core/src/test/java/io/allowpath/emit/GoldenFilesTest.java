package io.allowpath.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-output golden files: every emitter on every change type (and on all of them together) must
 * produce exactly {@code src/test/resources/emit/<format>/<case>.golden}.
 *
 * <p>To regenerate after an intended change, run
 * {@code mvn -q -B -o -pl core test -Dtest=GoldenFilesTest -Dallowpath.updateGoldens=true}
 * and review the diff with {@code git diff core/src/test/resources/emit}.
 */
class GoldenFilesTest {
  private static final Path ROOT = Path.of("src/test/resources/emit");

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String format : Emitters.all().keySet()) {
      for (String c : Fixtures.cases().keySet()) {
        out.add(Arguments.of(format, c));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("cases")
  void outputEqualsGolden(String format, String caseName) throws IOException {
    Emitter e = Emitters.all().get(format);
    String actual = e.emit(Fixtures.plan(Fixtures.cases().get(caseName)));
    Path golden = ROOT.resolve(format).resolve(caseName + ".golden");
    if (Boolean.getBoolean("allowpath.updateGoldens")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file %s (regenerate with -Dallowpath.updateGoldens=true)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  static Map<String, Emitter> emitters() {
    return Emitters.all();
  }
}
