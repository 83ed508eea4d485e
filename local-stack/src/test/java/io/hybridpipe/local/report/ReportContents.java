package io.hybridpipe.local.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the figures back out of a written index.html (which is well-formed XML), as a reader of the page sees them. */
public final class ReportContents {

    private final Document doc;

    private ReportContents(Document doc) {
        this.doc = doc;
    }

    public static ReportContents read(Path indexHtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new ReportContents(f.newDocumentBuilder().parse(indexHtml.toFile()));
    }

    /** The cells of the verification table's row for a stage, by column ({@code data-col}), as displayed. */
    public Map<String, String> verificationRow(String stageKey) {
        return row("verification", stageKey);
    }

    /** The cells of the latency table's row for a stage, by column, as displayed. */
    public Map<String, String> latencyRow(String stageKey) {
        return row("latency", stageKey);
    }

    /** The cells of the latency table's row for a stage: the {@code data-ms} of each percentile column. */
    public Map<String, String> latencyMillis(String stageKey) {
        Map<String, String> ms = new LinkedHashMap<>();
        for (Element td : cells("latency", stageKey)) {
            if (td.hasAttribute("data-ms")) {
                ms.put(td.getAttribute("data-col"), td.getAttribute("data-ms"));
            }
        }
        return ms;
    }

    public List<String> svgIds() {
        List<String> ids = new ArrayList<>();
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            ids.add(((Element) svgs.item(i)).getAttribute("id"));
        }
        return ids;
    }

    /** The {@code data-series} of every element of that tag inside the svg with that id. */
    public List<String> series(String svgId, String tag) {
        List<String> series = new ArrayList<>();
        NodeList nodes = byId("svg", svgId).getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.hasAttribute("data-series")) {
                series.add(e.getAttribute("data-series"));
            }
        }
        return series;
    }

    /** The points of the polyline of one series in one chart. */
    public String points(String svgId, String series) {
        NodeList lines = byId("svg", svgId).getElementsByTagName("polyline");
        for (int i = 0; i < lines.getLength(); i++) {
            Element e = (Element) lines.item(i);
            if (series.equals(e.getAttribute("data-series"))) {
                return e.getAttribute("points");
            }
        }
        throw new AssertionError("no series " + series + " in " + svgId);
    }

    public String text(String tag, String id) {
        return byId(tag, id).getTextContent();
    }

    public String attribute(String tag, String id, String attribute) {
        return byId(tag, id).getAttribute(attribute);
    }

    private Map<String, String> row(String tableId, String stageKey) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Element td : cells(tableId, stageKey)) {
            if (td.hasAttribute("data-col")) {
                cells.put(td.getAttribute("data-col"), td.getTextContent());
            }
        }
        return cells;
    }

    private List<Element> cells(String tableId, String stageKey) {
        NodeList rows = byId("table", tableId).getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            Element tr = (Element) rows.item(i);
            if (stageKey.equals(tr.getAttribute("data-stage"))) {
                List<Element> tds = new ArrayList<>();
                NodeList nodes = tr.getElementsByTagName("td");
                for (int j = 0; j < nodes.getLength(); j++) {
                    tds.add((Element) nodes.item(j));
                }
                return tds;
            }
        }
        throw new AssertionError("no row for " + stageKey + " in table " + tableId);
    }

    private Element byId(String tag, String id) {
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " id=\"" + id + "\"> in the report");
    }
}
