package net.sf.json;

/** Jenkins' json-lib fork (not on Maven Central): only what the plugin uses. */
public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("stub");
    }

    public String optString(String key) {
        throw new UnsupportedOperationException("stub");
    }

    public JSONObject optJSONObject(String key) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("stub");
    }

    public Object remove(String key) {
        throw new UnsupportedOperationException("stub");
    }
}
