package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.azure.Inventory;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Estate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Everything a scan fetches is a type the ARM reader models: the scan never pays for a resource it then skips. */
class ScanInventoryReaderTest {
  @Test
  void everyQueriedAndFetchedTypeIsRead() {
    List<String> types = new ArrayList<>(Inventory.GRAPH_TYPES);
    for (Inventory.ChildRead r : Inventory.CHILD_READS) {
      String[] suffix = r.suffix().split("/");
      types.add(r.parentType() + "/" + suffix[0] + "|" + (suffix.length > 1 ? suffix[1] : "x"));
    }
    List<RawResource> raw = new ArrayList<>();
    for (String t : types) {
      String type = t.contains("|") ? t.substring(0, t.indexOf('|')) : t;
      String childName = t.contains("|") ? t.substring(t.indexOf('|') + 1) : null;
      String[] parts = type.split("/");
      StringBuilder id = new StringBuilder("/subscriptions/s/resourceGroups/rg/providers/" + parts[0]);
      for (int i = 1; i < parts.length; i++) {
        id.append('/').append(parts[i]).append('/').append(i == parts.length - 1 && childName != null ? childName : "n" + i);
      }
      ObjectNode n = CliRun.MAPPER.createObjectNode();
      n.put("id", id.toString());
      n.put("type", type);
      n.putObject("properties");
      raw.add(new RawResource(n, "test", "/" + raw.size()));
    }
    Estate e = new EstateLoader().build(raw, new ArrayList<>());
    assertThat(e.skippedTypes()).isEmpty();
  }
}
