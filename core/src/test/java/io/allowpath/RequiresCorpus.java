package io.allowpath;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or test method that reads the shared corpus ({@code shared/corpus} beside the
 * repository, see {@link CorpusFiles}). On a clone without the corpus such tests are skipped, with one
 * line per test class saying so ({@link CorpusCondition}); when the {@code CI} environment variable is
 * set they run anyway, so CI fails loudly instead of silently skipping when the corpus is missing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CorpusCondition.class)
public @interface RequiresCorpus {}
