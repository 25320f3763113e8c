package dev.signals.bootstrap.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service's OpenAPI 3.1 document as a judge of real HTTP exchanges. A request is checked against its
 * operation (path and query parameters, body media type and JSON Schema); a response against what the
 * operation documents for its status (required headers, media type, body). Bodies are checked with a JSON
 * Schema 2020-12 validator (OpenAPI 3.1's dialect) on the schemas where the document holds them, so every
 * {@code $ref} resolves inside the document. A path the document does not list is judged by its
 * {@code MissingResource} response, a method a listed path lacks by {@code UnsupportedMethod}, as the
 * document's description says. Each check returns its problems, empty when the exchange conforms.
 */
final class OpenApiContract {

    /** Only the name the schema loader knows the document by; nothing is ever fetched from it. */
    private static final String DOCUMENT_URI = "https://signals.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode document;
    private final JsonSchemaFactory schemas;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final Map<String, Pattern> pathPatterns = new LinkedHashMap<>();

    private OpenApiContract(String text) {
        try {
            this.document = ApiClient.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The OpenAPI document is not JSON", e);
        }
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, text))));
        document.path("paths").fieldNames().forEachRemaining(path -> pathPatterns.put(path, templatePattern(path)));
    }

    static OpenApiContract of(String documentText) {
        return new OpenApiContract(documentText);
    }

    JsonNode document() {
        return document;
    }

    /** What swagger-parser finds wrong with the document as OpenAPI (structure, references); empty when nothing. */
    static List<String> parserMessages(String documentText) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(documentText, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("swagger-parser read no OpenAPI document");
        } else if (result.getOpenAPI().getSpecVersion() != io.swagger.v3.oas.models.SpecVersion.V31) {
            messages.add("swagger-parser did not read the document as OpenAPI 3.1 but " + result.getOpenAPI().getSpecVersion());
        }
        return messages;
    }

    /** Every schema of {@code components.schemas} checked against the JSON Schema 2020-12 meta-schema. */
    List<String> componentSchemaProblems() {
        JsonSchema meta = schemas.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), config);
        List<String> problems = new ArrayList<>();
        document.path("components").path("schemas").fields().forEachRemaining(entry ->
                meta.validate(entry.getValue()).forEach(m -> problems.add("components.schemas." + entry.getKey() + ": " + m.getMessage())));
        return problems;
    }

    /** The document's operations, as {@code "GET /v1/alpha/signals/{id}"}. */
    Set<String> operations() {
        Set<String> operations = new LinkedHashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The operation a request reaches, as {@link #operations()} names it; empty when the document has none. */
    Optional<String> operationOf(String method, String pathAndQuery) {
        return pathTemplateOf(pathOf(pathAndQuery))
                .filter(template -> document.path("paths").path(template).has(method.toLowerCase(Locale.ROOT)))
                .map(template -> method.toUpperCase(Locale.ROOT) + " " + template);
    }

    /** What is wrong with a request the client means to be valid: parameters, body media type and body. */
    List<String> requestProblems(String method, String pathAndQuery, String contentType, String body) {
        List<String> problems = new ArrayList<>();
        String path = pathOf(pathAndQuery);
        Optional<String> template = pathTemplateOf(path);
        if (template.isEmpty()) {
            return List.of("the document lists no path matching " + path);
        }
        String m = method.toLowerCase(Locale.ROOT);
        JsonNode operation = document.path("paths").path(template.get()).path(m);
        if (operation.isMissingNode()) {
            return List.of("the document has no " + method + " on " + template.get());
        }
        String where = method + " " + template.get();
        Map<String, String> pathValues = pathValues(template.get(), path);
        Map<String, String> query = queryOf(pathAndQuery);
        Set<String> declaredQuery = new LinkedHashSet<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter);
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            String value = switch (in) {
                case "path" -> pathValues.get(name);
                case "query" -> query.get(name);
                default -> null;
            };
            if (in.equals("query")) {
                declaredQuery.add(name);
            }
            if (value == null) {
                if (p.path("required").asBoolean() && !in.equals("header")) {
                    problems.add(where + ": required " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            String pointer = pointerOf(parameter) + "/schema";
            JsonNode schema = resolve(p.path("schema"));
            validate(pointer, typed(value, schema)).forEach(problem -> problems.add(where + ": " + in + " parameter " + name + ": " + problem));
        }
        query.keySet().stream().filter(name -> !declaredQuery.contains(name))
                .forEach(name -> problems.add(where + ": query parameter " + name + " is not documented"));
        JsonNode requestBody = resolve(operation.path("requestBody"));
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                problems.add(where + ": the document takes no request body");
            }
            return problems;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean()) {
                problems.add(where + ": the request body is required");
            }
            return problems;
        }
        String mediaType = mediaType(contentType);
        JsonNode media = requestBody.path("content").path(mediaType);
        if (media.isMissingNode()) {
            problems.add(where + ": request media type " + mediaType + " is not documented");
            return problems;
        }
        if (mediaType.equals("application/json")) {
            String pointer = pointerOf(operation.path("requestBody")) + "/content/" + escape(mediaType) + "/schema";
            validate(pointer, parse(body, problems, where + ": request body")).forEach(problem -> problems.add(where + ": request body: " + problem));
        }
        return problems;
    }

    /** What is wrong with an answer: its status documented for the operation, required headers, media type, body. */
    List<String> responseProblems(String method, String pathAndQuery, int status, Map<String, List<String>> headers, String body) {
        String path = pathOf(pathAndQuery);
        Optional<String> template = pathTemplateOf(path);
        String m = method.toLowerCase(Locale.ROOT);
        String where;
        String responsePointer;
        if (template.isEmpty()) {
            where = method + " " + path + " (no such path)";
            responsePointer = "/components/responses/MissingResource";
            if (status != 404) {
                return List.of(where + ": answered " + status + ", the document says 404 for a path it does not list");
            }
        } else if (!document.path("paths").path(template.get()).has(m)) {
            where = method + " " + template.get() + " (no such method)";
            responsePointer = "/components/responses/UnsupportedMethod";
            if (status != 405) {
                return List.of(where + ": answered " + status + ", the document says 405 for a method a path does not list");
            }
        } else {
            where = method + " " + template.get();
            JsonNode responses = document.path("paths").path(template.get()).path(m).path("responses");
            if (!responses.has(Integer.toString(status))) {
                return List.of(where + ": status " + status + " is not documented (documented: " + names(responses) + "); body " + body);
            }
            responsePointer = "/paths/" + escape(template.get()) + "/" + m + "/responses/" + status;
        }
        JsonNode reference = at(responsePointer);
        if (reference.has("$ref")) {
            responsePointer = reference.path("$ref").asText().substring(1);
        }
        JsonNode response = at(responsePointer);
        List<String> problems = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(entry -> {
            JsonNode header = resolve(entry.getValue());
            String value = header(headers, entry.getKey());
            if (value == null) {
                if (header.path("required").asBoolean()) {
                    problems.add(where + " " + status + ": required header " + entry.getKey() + " is missing");
                }
                return;
            }
            String pointer = pointerOf(entry.getValue()) + "/schema";
            validate(pointer, JsonNodeFactory.instance.textNode(value))
                    .forEach(problem -> problems.add(where + " " + status + ": header " + entry.getKey() + ": " + problem));
        });
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add(where + " " + status + ": the document says no body, the answer has one");
            }
            return problems;
        }
        String mediaType = mediaType(header(headers, "Content-Type"));
        if (!content.has(mediaType)) {
            problems.add(where + " " + status + ": media type " + mediaType + " is not documented (documented: " + names(content) + ")");
            return problems;
        }
        String pointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        JsonNode parsed = parse(body, problems, where + " " + status + ": body");
        validate("#" + pointer, parsed).forEach(problem -> problems.add(where + " " + status + ": " + problem + " in " + body));
        return problems;
    }

    private List<String> validate(String pointer, JsonNode value) {
        if (value == null) {
            return List.of();
        }
        JsonSchema schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + p), config));
        Set<ValidationMessage> messages = schema.validate(value);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode parse(String body, List<String> problems, String what) {
        try {
            return ApiClient.JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            problems.add(what + " is not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    /** A parameter's text as the JSON value its schema types it, so that "10" checks as the integer 10. */
    private static JsonNode typed(String value, JsonNode schema) {
        if (schema.path("type").asText().equals("integer")) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(value);
            }
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    private Optional<String> pathTemplateOf(String path) {
        if (document.path("paths").has(path)) {
            return Optional.of(path);
        }
        return pathPatterns.entrySet().stream().filter(e -> e.getValue().matcher(path).matches()).map(Map.Entry::getKey).findFirst();
    }

    private static Pattern templatePattern(String template) {
        return Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    private static Map<String, String> pathValues(String template, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] names = template.split("/");
        String[] parts = path.split("/");
        for (int i = 0; i < names.length && i < parts.length; i++) {
            if (names[i].startsWith("{") && names[i].endsWith("}")) {
                values.put(names[i].substring(1, names[i].length() - 1), URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String pathOf(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Map<String, String> queryOf(String pathAndQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create("http://x" + pathAndQuery).getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    /** A node, or what its {@code $ref} points to inside the document. */
    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    /** Where a node of the document is, as a JSON pointer with {@code #}; a {@code $ref} node gives its target's. */
    private String pointerOf(JsonNode node) {
        if (node.has("$ref")) {
            return node.path("$ref").asText();
        }
        String found = find(document, node, "");
        if (found == null) {
            throw new IllegalStateException("a node of the document was not found in it");
        }
        return "#" + found;
    }

    private static String find(JsonNode haystack, JsonNode needle, String at) {
        if (haystack == needle) {
            return at;
        }
        if (haystack.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = haystack.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String found = find(field.getValue(), needle, at + "/" + escape(field.getKey()));
                if (found != null) {
                    return found;
                }
            }
        } else if (haystack.isArray()) {
            for (int i = 0; i < haystack.size(); i++) {
                String found = find(haystack.get(i), needle, at + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
