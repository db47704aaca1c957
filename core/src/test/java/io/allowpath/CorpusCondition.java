package io.allowpath;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresCorpus}: enabled when the shared corpus is found, or when the
 * {@code CI} environment variable is set (CI has the corpus; a missing one must fail there, through
 * {@link CorpusFiles#root()}); otherwise disabled, and the first time per test class it prints one line
 * naming the class and the tests it skips.
 */
public final class CorpusCondition implements ExecutionCondition {
  private static final Set<Class<?>> ANNOUNCED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Path> root = CorpusFiles.find();
    if (root.isPresent()) {
      return ConditionEvaluationResult.enabled("corpus at " + root.get());
    }
    if (runningInCi()) {
      return ConditionEvaluationResult.enabled("CI is set: corpus tests must run (and fail if it is absent)");
    }
    Class<?> testClass = context.getRequiredTestClass();
    String reason = "shared/corpus absent beside this clone (" + CorpusFiles.START + ")";
    if (ANNOUNCED.add(testClass)) {
      System.out.println("[corpus] " + reason + ": skipped " + testClass.getName().replaceFirst("^io\\.allowpath\\.", "") + " " + skipped(testClass));
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  static boolean runningInCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  private static String skipped(Class<?> testClass) {
    if (testClass.isAnnotationPresent(RequiresCorpus.class)) {
      return "(all its tests)";
    }
    String[] names = Arrays.stream(testClass.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(RequiresCorpus.class)).map(Method::getName).sorted().toArray(String[]::new);
    return "(" + names.length + " of its tests: " + String.join(", ", names) + ")";
  }
}
