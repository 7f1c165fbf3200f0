package io.jenkins.plugins.criticalchangegate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Prints one JSON object per command run, indented, keys in the order the command put them. Values are built from
 * maps, lists, strings, numbers, booleans and {@code null} only, so that the output never depends on how a domain
 * class happens to look to a reflection-based serializer.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static String toJson(Object object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            // only plain values go in: this is a defect, which Main reports as an internal error
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static void print(PrintStream out, Map<String, ?> object) {
        out.println(toJson(object));
    }

    /** A JSON array of such objects ({@code audit emergencies}). */
    static void printArray(PrintStream out, List<? extends Map<String, ?>> objects) {
        try {
            out.println(MAPPER.writeValueAsString(objects));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
