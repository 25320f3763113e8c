package archfixtures.jacksoninpersistence.adapter.persistence;

/** A persistence class that serialises JSON with Jackson. */
public final class JsonColumn {

    public String write(Object value) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    }
}
