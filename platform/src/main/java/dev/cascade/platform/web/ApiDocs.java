package dev.cascade.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import dev.cascade.platform.security.Caller;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * The OpenAPI document of every service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, by springdoc):
 * its title and version, a relative server URL, and on every operation the problem responses of the platform's error
 * model ({@link RefusalResponses}), with the {@code Problem} schema: 400 everywhere (a malformed parameter or body),
 * 404 where the path names a resource, 409 and 422 where the operation changes something, 413 and 415 where it takes
 * a body.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocs {

    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";

    static {
        // the caller comes from the verified token, never from the request: not a parameter of any operation
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer cascadeProblemResponses(Environment environment) {
        String application = environment.getProperty("spring.application.name", "cascade");
        return api -> {
            api.info(new Info().title("Cascade " + application).version(version())
                    .description("The HTTP API of " + application + ". Every refusal is an RFC 9457 problem document"
                            + " (application/problem+json) with a type urn:cascade:problem:<kind> and, where a field,"
                            + " parameter or header is at fault, errors naming it.")
                    .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
            api.servers(List.of(new Server().url("/").description("this service")));
            if (api.getComponents() == null) {
                api.components(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT").description("An access token of the OpenID Connect "
                            + "issuer the service trusts (CASCADE_ISSUER_URI), carrying cascade_unit and "
                            + "cascade_roles"));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        addProblems(path, method, operation)));
            }
        };
    }

    private static String version() {
        String version = ApiDocs.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        add(responses, "400", "Malformed: a parameter, header or body field has no acceptable value (named in errors)");
        add(responses, "401", "Unauthenticated: no bearer token, or one that is expired, tampered with or not from "
                + "the trusted issuer (WWW-Authenticate says which)");
        add(responses, "403", "Not allowed: the token's unit and roles do not allow this (the rule is named in rule)");
        if (path.contains("{")) {
            add(responses, "404", "Not found: the path names something this service does not know");
        }
        if (writes) {
            add(responses, "409", "Conflict: the request contradicts what is stored");
            add(responses, "422", "Unprocessable: well-formed, but its content breaks a rule (fields named)");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "Body too large (cascade.web.max-body-size)");
            add(responses, "415", "Unsupported media type: the body must be application/json");
        }
        operation.setResponses(responses);
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema().description("JSON path of the field, or the parameter or header"));
        field.addProperty("message", new StringSchema().description("what is wrong with it"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().format("uri").example("urn:cascade:problem:malformed-request"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema().format("int32"));
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri-reference"));
        problem.addProperty("errors", new ArraySchema().items(field));
        problem.required(List.of("type", "title", "status"));
        return problem;
    }
}
