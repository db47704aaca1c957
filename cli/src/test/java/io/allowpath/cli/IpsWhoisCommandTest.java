package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ips} (the egress allowlist), {@code whois} (the reverse lookup of a 403's caller address) and
 * names that round-trip ({@code --from} accepts what tables print, unknown names get suggestions), on the
 * example estate (issue 17, deliverables 3, 4, 6).
 */
class IpsWhoisCommandTest {
  private static final String ESTATE = "../examples/estate";

  @Test
  void ipsPrintsTheStableAddressesAggregatedAndNamesWhatItLeavesOut() {
    CliRun r = CliRun.of("ips", "--estate", ESTATE, "--from", "mlw-prod");
    // gpu-cluster and serverless share NAT gateway ng-ml (52.170.10.20 + 52.170.20.0/30); ci-alice keeps
    // 40.121.5.6; cpu-cluster-fw leaves by Azure Firewall fw-hub (20.62.10.4)
    assertThat(r.out().lines()).containsExactly("20.62.10.4", "40.121.5.6", "52.170.10.20", "52.170.20.0/30");
    assertThat(r.err()).contains("not listed: mlw-prod/legacy-cluster: will change: ")
        .contains("not listed: mlw-prod/private-cluster: no internet egress")
        .contains("not listed: mlw-prod/onprem-cluster: will change:");
    assertThat(r.code()).as("unstable computes exist: exit 1").isEqualTo(1);
    assertThat(CliRun.of("ips", "--estate", ESTATE, "--from", "mlw-prod", "--allow-unstable").code()).isZero();
  }

  @Test
  void ipsOfStableComputesOnlyExitsZero() {
    CliRun r = CliRun.of("ips", "--estate", ESTATE, "--from", "mlw-prod/gpu-cluster", "--from", "dbw-sandbox");
    assertThat(r.out().lines()).containsExactly("4.156.7.8", "52.170.10.20", "52.170.20.0/30");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
  }

  @Test
  void ipsAsJsonCsvAndTerraform() {
    JsonNode j = CliRun.of("ips", "--estate", ESTATE, "--from", "mlw-prod", "-o", "json").json();
    List<String> listed = new ArrayList<>();
    j.get("computes").forEach(c -> listed.add(c.get("name").asText()));
    assertThat(listed).contains("mlw-prod/gpu-cluster", "mlw-prod/ci-alice").doesNotContain("mlw-prod/legacy-cluster");
    List<String> notListed = new ArrayList<>();
    j.get("notListed").forEach(c -> notListed.add(c.get("name").asText() + " " + c.get("stable").asBoolean()));
    assertThat(notListed).contains("mlw-prod/legacy-cluster false");
    assertThat(CliRun.of("ips", "--estate", ESTATE, "--from", "dbw-sandbox", "-o", "csv").out())
        .isEqualTo("workspace,compute,mode,address\ndbw-sandbox,container,NAT_GATEWAY,4.156.7.8\n"
            + "dbw-sandbox,host,NAT_GATEWAY,4.156.7.8\n");
    assertThat(CliRun.of("ips", "--estate", ESTATE, "--from", "dbw-sandbox", "-o", "terraform").out())
        .contains("locals {\n  allowpath_egress_ips = [\n    \"4.156.7.8\",\n  ]\n}\n");
  }

  @Test
  void whoisFindsTheComputesBehindAnAddressInsideANatPrefixAndTheTargetsAdmittingIt() {
    CliRun r = CliRun.of("whois", "--estate", ESTATE, "52.170.20.2", "-o", "json");
    assertThat(r.code()).isZero();
    List<String> computes = new ArrayList<>();
    r.json().get("computes").forEach(c -> computes.add(c.get("name").asText() + " " + c.get("egress").get("mode").asText()));
    assertThat(computes).containsExactlyInAnyOrder("mlw-prod/gpu-cluster NAT_GATEWAY", "mlw-prod/serverless NAT_GATEWAY");
    List<String> admitted = new ArrayList<>();
    r.json().get("admittedBy").forEach(t -> admitted.add(t.get("name").asText() + ": " + t.get("by").asText()));
    assertThat(admitted).contains("stdatalakeprod: IP rule 52.170.20.0/30", "kv-ml-prod: IP rule 52.170.20.0/30")
        .noneMatch(s -> s.startsWith("sql-finance"));
  }

  @Test
  void whoisOfAnUnknownAddressExitsOneAndABadAddressIsAUsageError() {
    CliRun r = CliRun.of("whois", "--estate", ESTATE, "8.8.8.8");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("No compute in the estate leaves from 8.8.8.8.");
    CliRun bad = CliRun.of("whois", "--estate", ESTATE, "8.8.8");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("'8.8.8' is not an IP address");
  }

  @Test
  void namesAsTablesPrintThemAreAcceptedBack() {
    CliRun table = CliRun.of("check", "--estate", ESTATE, "--to", "stdatalakeprod");
    String first = table.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    assertThat(first).contains("/");
    CliRun back = CliRun.of("check", "--estate", ESTATE, "--from", first, "--to", "stdatalakeprod", "-o", "json");
    assertThat(back.json().get("checks")).hasSize(1);
    assertThat(back.json().get("checks").get(0).get("fromName").asText()).isEqualTo(first);
    CliRun hash = CliRun.of("check", "--estate", ESTATE, "--from", "dbw-analytics#host", "--to", "stdatalakeprod",
        "-o", "json");
    assertThat(hash.json().get("checks").get(0).get("fromName").asText()).isEqualTo("dbw-analytics/host");
  }

  @Test
  void anUnknownNameGetsTheClosestNames() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--from", "mlw-prod/gpu-clustr");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("did you mean 'mlw-prod/gpu-cluster'");
    CliRun t = CliRun.of("check", "--estate", ESTATE, "--to", "stdatalakprod");
    assertThat(t.err()).contains("no target named 'stdatalakprod' in the estate; did you mean 'stdatalakeprod'?");
  }
}
