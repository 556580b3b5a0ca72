package org.tributary.node.support;

import java.util.List;
import tools.jackson.databind.JsonNode;

public final class Json {

    private Json() {}

    /** The text of every {@code field} found anywhere under {@code node}, in document order. */
    public static List<String> texts(JsonNode node, String field) {
        return node.findValues(field).stream().map(JsonNode::asText).toList();
    }
}
