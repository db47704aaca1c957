package io.allowpath.analysis.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.session.Analysis;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every egress the resolver gives on two estates, whole: for each compute and each destination class (the internet
 * and every target's service tag, region and endpoint service), the mode, addresses, public IPs known by id only,
 * stability, firewall, service endpoint subnet, route prefix, SNAT mode, BGP caveat, every hop with its words and
 * every diagnostic. The estates are the bundled example estate (NAT gateway, firewall, service endpoints, default
 * outbound, load balancer, forced tunnelling through a gateway, private subnets, Databricks) and a generated one
 * with every compute kind (node public IPs, instances, serverless, managed networks). A change to any of it shows
 * here line by line; regenerate with {@code -Dallowpath.updateGoldens=true} and read the diff before committing.
 */
class EgressGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/egress");

  @TempDir Path dir;

  @Test
  void theExampleEstate() throws IOException {
    check("example-estate", new EstateLoader().load(List.of(Path.of("../examples/estate"))));
  }

  @Test
  void aGeneratedEstateWithEveryComputeKind() throws IOException {
    ArrayNode a = SyntheticEstate.generate(24, 12, 4, 7);
    Path f = dir.resolve("synthetic.json");
    new ObjectMapper().writeValue(f.toFile(), a);
    check("synthetic-24-12-s7", new EstateLoader().load(List.of(f)));
  }

  private static void check(String name, Estate estate) throws IOException {
    String actual = render(Analysis.of(estate, null));
    Path golden = ROOT.resolve(name + ".golden");
    if (Boolean.getBoolean("allowpath.updateGoldens")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file %s (regenerate with -Dallowpath.updateGoldens=true)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  static String render(Analysis a) {
    Set<Destination> dests = new LinkedHashSet<>();
    dests.add(Destination.INTERNET);
    for (Target t : a.targets()) {
      Destination d = AccessEvaluator.destinationOf(t);
      dests.add(new Destination(d.serviceTag(), d.region(), d.endpointService(), null));
    }
    StringBuilder sb = new StringBuilder();
    for (Compute c : a.computes()) {
      for (Destination d : dests) {
        Egress e = a.resolver().resolve(c, d);
        sb.append(short_(c.key())).append(" -> ").append(d.describe()).append(": ").append(e.mode())
            .append(" ips=").append(String.join(",", e.publicIps().toCidrs()))
            .append(" symbolic=").append(e.symbolicIps().stream().map(EgressGoldenTest::name).collect(Collectors.joining(",")))
            .append(" stable=").append(e.stable())
            .append(" firewall=").append(name(e.firewall()))
            .append(" serviceEndpoint=").append(name(e.serviceEndpointSubnet()))
            .append(" route=").append(e.routePrefix())
            .append(" snat=").append(e.networkRuleSnat())
            .append(" bgp=").append(e.bgpMayOverride())
            .append(" why=").append(e.why()).append('\n');
        for (Hop h : e.hops()) {
          sb.append("  hop ").append(h.kind()).append(' ').append(name(h.resource())).append(": ").append(h.detail())
              .append('\n');
        }
        for (Diagnostic g : e.diagnostics()) {
          sb.append("  diagnostic ").append(g.severity()).append(' ').append(name(g.resource())).append(": ")
              .append(g.message()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String name(ResourceId id) {
    return id == null ? "-" : id.isUnresolved() ? id.value() : id.name();
  }

  private static String short_(String key) {
    int i = key.indexOf("/workspaces/");
    return i < 0 ? key : key.substring(i + "/workspaces/".length());
  }
}
