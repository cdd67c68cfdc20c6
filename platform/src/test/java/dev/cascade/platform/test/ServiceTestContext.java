package dev.cascade.platform.test;

import dev.cascade.contracts.EmbeddedMongo;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The issuer every service test trusts ({@link TestIssuer}), and what {@link TestClock} and {@link EmbeddedStore} ask
 * of a service test's context (registered in
 * {@code META-INF/spring.factories} of this test-jar). Test classes whose clock comes from the same field or method
 * share a cached context, as far as the rest of their configuration allows.
 */
public final class ServiceTestContext implements ContextCustomizerFactory {

    /** The name the test clock is registered under. */
    public static final String CLOCK_BEAN = "clock";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        Member clock = testClock(testClass);
        boolean store = AnnotatedElementUtils.hasAnnotation(testClass, EmbeddedStore.class);
        return new Customizer(clock, store);
    }

    private static Member testClock(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(TestClock.class)) {
                    return checked(field, field.getType(), field.getModifiers());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(TestClock.class) && method.getParameterCount() == 0) {
                    return checked(method, method.getReturnType(), method.getModifiers());
                }
            }
        }
        return null;
    }

    private static Member checked(Member member, Class<?> type, int modifiers) {
        if (!Modifier.isStatic(modifiers) || !Clock.class.isAssignableFrom(type)) {
            throw new IllegalStateException("@TestClock must be on a static Clock field or method: " + member);
        }
        return member;
    }

    /** @param clock the {@link TestClock} field (one clock for every context) or method (a new clock per context) */
    private record Customizer(Member clock, boolean store) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (clock instanceof Field field) {
                ReflectionUtils.makeAccessible(field);
                context.getBeanFactory().registerSingleton(CLOCK_BEAN, ReflectionUtils.getField(field, null));
            } else if (clock instanceof Method method) {
                ReflectionUtils.makeAccessible(method);
                context.getBeanFactory().registerSingleton(CLOCK_BEAN, ReflectionUtils.invokeMethod(method, null));
            }
            // every service is a resource server: its tests trust the test issuer of this JVM
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("testIssuer",
                    Map.of("cascade.security.issuer-uri", TestIssuer.shared().issuer())));
            if (store) {
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedStore",
                        Map.of("spring.mongodb.uri", EmbeddedMongo.uri())));
            }
        }

    }
}
