package io.allowpath.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/formats.md stays true to what a scan reads: §7 lists every query type and GET, §2's types are all read. */
class InventoryDocsTest {
  static String formats() throws IOException {
    return Files.readString(Path.of("../docs/formats.md"));
  }

  static String section(String doc, String heading) {
    int a = doc.indexOf(heading);
    assertThat(a).as(heading).isNotNegative();
    int b = doc.indexOf("\n### ", a + heading.length());
    int c = doc.indexOf("\n## ", a + heading.length());
    int end = b < 0 ? (c < 0 ? doc.length() : c) : (c < 0 ? b : Math.min(b, c));
    return doc.substring(a, end);
  }

  @Test
  void section73ListsEveryQueriedType() throws IOException {
    String s = section(formats(), "### 7.3 The Resource Graph query");
    for (String t : Inventory.GRAPH_TYPES) {
      assertThat(s).contains("'" + t + "'");
    }
    assertThat(s).contains("api-version=" + Inventory.GRAPH_API);
  }

  @Test
  void section74ListsEveryGetWithItsApiVersion() throws IOException {
    String s = section(formats(), "### 7.4 The ARM GETs");
    List<String> rows = s.lines().filter(l -> l.startsWith("| `{")).toList();
    assertThat(rows).hasSize(Inventory.CHILD_READS.size());
    for (Inventory.ChildRead r : Inventory.CHILD_READS) {
      assertThat(rows).as(r.suffix()).anyMatch(l -> l.contains("}/" + r.suffix() + "`") && l.contains("| " + r.apiVersion() + " |"));
    }
  }

  /** Child types that Resource Graph returns inline in their parent's row, so a scan needs no read of its own. */
  static final Set<String> INLINE = Set.of("microsoft.network/virtualnetworks/subnets",
      "microsoft.network/virtualnetworks/virtualnetworkpeerings", "microsoft.network/routetables/routes");

  @Test
  void everyTypeSection2SaysAllowpathReads_isQueriedOrFetched() throws IOException {
    String s = section(formats(), "## 2. Resource types allowpath reads");
    Matcher m = Pattern.compile("`(Microsoft\\.[A-Za-z]+/[A-Za-z/]+)`").matcher(s);
    List<String> types = new ArrayList<>();
    while (m.find()) {
      types.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    assertThat(types).hasSizeGreaterThan(25);
    List<String> fetched = new ArrayList<>(Inventory.GRAPH_TYPES);
    for (Inventory.ChildRead r : Inventory.CHILD_READS) {
      fetched.add(r.parentType() + "/" + r.suffix().split("/")[0].toLowerCase(Locale.ROOT));
    }
    for (String t : types) {
      if (!INLINE.contains(t)) {
        assertThat(fetched).as(t + " is read by allowpath but not by a scan").contains(t);
      }
    }
  }
}
