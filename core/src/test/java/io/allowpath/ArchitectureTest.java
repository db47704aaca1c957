package io.allowpath;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled classes: the model depends on nothing of
 * ours, analysis never sees ingest, plan never sees ingest or emit, and so on; no package cycles; and no
 * fully-qualified reference to one of our own types in the source (import them, so dependencies show).
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.allowpath");
  }

  @Test
  void modelDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("io.allowpath.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.ingest..", "io.allowpath.analysis..",
            "io.allowpath.plan..", "io.allowpath.emit..", "io.allowpath.report..", "io.allowpath.session..",
            "io.allowpath.synth..")
        .check(classes);
  }

  @Test
  void ingestSeesOnlyTheModel() {
    noClasses().that().resideInAPackage("io.allowpath.ingest..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.analysis..", "io.allowpath.plan..",
            "io.allowpath.emit..", "io.allowpath.report..", "io.allowpath.session..")
        .check(classes);
  }

  @Test
  void analysisNeverSeesInputFormatsOrLaterStages() {
    noClasses().that().resideInAPackage("io.allowpath.analysis..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.ingest..", "io.allowpath.plan..",
            "io.allowpath.emit..", "io.allowpath.report..", "io.allowpath.session..")
        .check(classes);
  }

  @Test
  void egressResolutionDoesNotDependOnAccessDecisions() {
    noClasses().that().resideInAPackage("io.allowpath.analysis.egress..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.analysis.access..",
            "io.allowpath.analysis.audit..")
        .check(classes);
  }

  @Test
  void planSeesModelAndAnalysisOnly() {
    noClasses().that().resideInAPackage("io.allowpath.plan..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.ingest..", "io.allowpath.emit..",
            "io.allowpath.report..", "io.allowpath.session..")
        .check(classes);
  }

  @Test
  void emittersSeeNeitherInputsNorReports() {
    noClasses().that().resideInAPackage("io.allowpath.emit..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.ingest..", "io.allowpath.report..",
            "io.allowpath.session..")
        .check(classes);
  }

  @Test
  void reportsDoNotReadInputs() {
    noClasses().that().resideInAPackage("io.allowpath.report..")
        .should().dependOnClassesThat().resideInAnyPackage("io.allowpath.ingest..", "io.allowpath.session..")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.allowpath.(**)").should().beFreeOfCycles().check(classes);
  }

  private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.allowpath\\.[a-z.]*\\.[A-Z]\\w*");

  @Test
  void noFullyQualifiedReferencesToOurTypesInCode() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../cli/src/main/java"), Path.of("../bench/src/main/java"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            String code = lines.get(i).strip();
            if (code.startsWith("import ") || code.startsWith("package ") || code.startsWith("*")
                || code.startsWith("/*") || code.startsWith("//")) {
              continue;
            }
            Matcher m = QUALIFIED.matcher(code.replaceAll("\"[^\"]*\"", "\"\""));
            if (m.find()) {
              found.add(f + ":" + (i + 1) + ": " + m.group());
            }
          }
        }
      }
    }
    assertThat(found).as("fully-qualified references to our own types (import them)").isEmpty();
  }
}
