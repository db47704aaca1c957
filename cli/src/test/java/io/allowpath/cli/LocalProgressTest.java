package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.report.PairGroups;
import io.allowpath.session.Analysis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14 §5: the progress display of long local work (estate load, matrix). */
class LocalProgressTest {
  static final String ESTATE = "../examples/estate";

  @AfterEach
  void reset() {
    LocalProgress.terminal = ScanProgress::stderrIsTerminal;
  }

  @Test
  void aPhaseThatLasts_isDrawnAndEndsWithOneSummaryLine() throws InterruptedException {
    LocalProgress.terminal = () -> true;
    StringWriter w = new StringWriter();
    LocalProgress p = new LocalProgress(new PrintWriter(w), false);
    p.begin("checking pairs (targets done)", 4);
    p.targets().accept(1);
    p.targets().accept(1);
    Thread.sleep(LocalProgress.DELAY_MS + 600);
    p.end("checked 3 compute(s) against 4 target(s)");
    String out = w.toString();
    assertThat(out).contains("\rchecking pairs (targets done) | 2/4 (50%) | ");
    assertThat(out).containsPattern("\r\u001b\\[Kchecked 3 compute\\(s\\) against 4 target\\(s\\) in \\d+\\.\\d s\n$");
    assertThat(out.split("checked 3 compute", -1)).as("one summary line").hasSize(2);
  }

  @Test
  void aQuickPhase_printsNothing() {
    LocalProgress.terminal = () -> true;
    StringWriter w = new StringWriter();
    LocalProgress p = new LocalProgress(new PrintWriter(w), false);
    p.begin("loading the estate", 0);
    p.end("loaded 1 resource(s)");
    assertThat(w.toString()).isEmpty();
  }

  @Test
  void quietOrNotATerminal_printsNothingEvenWhenLong() throws InterruptedException {
    for (boolean quiet : new boolean[] {true, false}) {
      LocalProgress.terminal = () -> !quiet ? false : true;
      StringWriter w = new StringWriter();
      LocalProgress p = new LocalProgress(new PrintWriter(w), quiet);
      p.begin("loading the estate", 0);
      Thread.sleep(LocalProgress.DELAY_MS + 300);
      p.end("loaded 1 resource(s)");
      assertThat(w.toString()).as("quiet=%s", quiet).isEmpty();
    }
  }

  @Test
  void theLoaderAndTheMatrixReportTheirProgress() {
    LocalProgress.terminal = () -> false;
    List<String> details = new ArrayList<>();
    AtomicInteger modelled = new AtomicInteger();
    Estate e = new EstateLoader().withListener(new EstateLoader.Listener() {
      @Override
      public void parsing(String file, long bytes) {
        details.add(file + " " + bytes);
      }

      @Override
      public void modelling(int done, int total) {
        modelled.set(done);
        assertThat(done).isLessThanOrEqualTo(total);
      }
    }).load(List.of(Path.of(ESTATE)));
    assertThat(details).hasSizeGreaterThanOrEqualTo(4).allMatch(d -> d.matches(".*\\.json \\d+"));
    assertThat(modelled.get()).isPositive();
    Analysis a = Analysis.of(e, null);
    List<Compute> computes = a.computes();
    List<Target> targets = a.targets();
    AtomicInteger done = new AtomicInteger();
    Matrix.Counts counted = a.summary(computes, targets, done::addAndGet);
    assertThat(done.get()).as("one call per target, never per pair").isEqualTo(targets.size());
    Matrix.Counts plain = a.summary(computes, targets);
    assertThat(counted.evaluations()).isEqualTo(plain.evaluations());
  }

  @Test
  void thePerPairCheckAndTheReportGroupingReportTheirProgress() {
    Analysis a = Analysis.of(new EstateLoader().load(List.of(Path.of(ESTATE))), null);
    List<Compute> computes = a.computes();
    List<Target> targets = a.targets();
    AtomicInteger computesDone = new AtomicInteger();
    assertThat(a.verdicts(computes, targets, computesDone::addAndGet)).hasSameSizeAs(a.verdicts(computes, targets));
    assertThat(computesDone.get()).as("check's table and JSON: one call per compute").isEqualTo(computes.size());
    AtomicInteger targetsDone = new AtomicInteger();
    PairGroups g = PairGroups.of(a.evaluator(), computes, targets,
        targetsDone::addAndGet);
    assertThat(targetsDone.get()).as("the report's grouping: one call per target").isEqualTo(targets.size());
    assertThat(g.pairs()).isEqualTo(PairGroups.of(a.evaluator(), computes, targets).pairs());
  }
}
