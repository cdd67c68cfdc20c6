package dev.cascade.portal;

import dev.cascade.portal.api.CascadeApi;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The portal's pages rendered through Spring MVC, its templates, messages, security and formats, with the services
 * replaced by a mock {@link CascadeApi}: the whole portal context from {@code portal.yml} (its fixed list of
 * auto-configurations), minus the issuer's discovery (explicit endpoints instead) and with the clock on Thursday
 * 5 December 2024, 09:00 in Hà Nội. Every subclass shares one context.
 */
@SpringBootTest(classes = PortalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.config.name=" + PortalApplication.CONFIG_NAME,
        "cascade.clock=2024-12-05T09:00:00+07:00",
        // portal.yml's provider has an issuer-uri (discovery at start-up) that a property cannot unset: the
        // registration points at a provider of the same issuer with its endpoints written out instead
        "spring.security.oauth2.client.registration.cascade.provider=cascade-explicit",
        "spring.security.oauth2.client.provider.cascade-explicit.authorization-uri=" + PortalPageTest.ISSUER + "/oauth2/authorize",
        "spring.security.oauth2.client.provider.cascade-explicit.token-uri=" + PortalPageTest.ISSUER + "/oauth2/token",
        "spring.security.oauth2.client.provider.cascade-explicit.jwk-set-uri=" + PortalPageTest.ISSUER + "/oauth2/jwks",
        "spring.security.oauth2.client.provider.cascade-explicit.user-info-uri=" + PortalPageTest.ISSUER + "/userinfo",
        "spring.security.oauth2.client.provider.cascade-explicit.user-name-attribute=sub"})
public abstract class PortalPageTest {

    /** An issuer nobody answers at: nothing may call it. */
    public static final String ISSUER = "http://issuer.invalid:9000";

    @MockitoBean
    protected CascadeApi api;

    @Autowired
    private WebApplicationContext context;

    protected MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity()).build();
    }

    /** Signed in through the issuer with these ID-token claims. */
    protected static RequestPostProcessor person(String user, String name, String unit, String... roles) {
        return oidcLogin().idToken(token -> token.subject(user).claim("name", name).claim("cascade_unit", unit)
                .claim("cascade_roles", List.of(roles)));
    }

    /** The commune clerk of Thị trấn Thanh Hà. */
    protected static RequestPostProcessor reporter() {
        return person("nguyen.van.a", "Nguyễn Văn A", Fixtures.COMMUNE, "REPORTER");
    }

    /** The district's reviewer (Huyện Thanh Hà, the commune's parent). */
    protected static RequestPostProcessor reviewer() {
        return person("tran.thi.b", "Trần Thị B", Fixtures.DISTRICT, "REVIEWER");
    }

    /** The province's reviewer. */
    protected static RequestPostProcessor provinceReviewer() {
        return person("le.van.c", "Lê Văn C", Fixtures.PROVINCE, "REVIEWER", "VIEWER");
    }

    /** The whole page, checked to be complete (a failure halfway through a template leaves it cut off). */
    protected static Document page(ResultActions result) throws Exception {
        return page(result.andReturn());
    }

    protected static Document page(MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html.strip()).as("the page is complete").startsWith("<!DOCTYPE html>").endsWith("</html>");
        return Jsoup.parse(html);
    }

    /** The one element with this id (ids with dots cannot be written as CSS selectors). */
    protected static Element byId(Document page, String id) {
        Element element = page.getElementById(id);
        assertThat(element).as("#" + id).isNotNull();
        return element;
    }

    /** The form controls named so. */
    protected static Elements named(Document page, String name) {
        return page.getElementsByAttributeValue("name", name);
    }

    /** The one control named so. */
    protected static Element control(Document page, String name) {
        Elements controls = named(page, name);
        assertThat(controls).as("[name=" + name + "]").hasSize(1);
        return controls.first();
    }

    /** The texts of the elements, in order. */
    protected static List<String> texts(Elements elements) {
        return elements.stream().map(Element::text).toList();
    }
}
