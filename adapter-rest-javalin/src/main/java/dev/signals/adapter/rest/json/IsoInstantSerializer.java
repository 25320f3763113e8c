package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Instant;

/** Writes an instant as the ISO-8601 text {@link Instant#toString} gives, by {@link IsoInstants#format}. */
public final class IsoInstantSerializer extends StdSerializer<Instant> {

    public IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(IsoInstants.format(value));
    }
}
