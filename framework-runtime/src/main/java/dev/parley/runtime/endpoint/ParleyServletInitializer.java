package dev.parley.runtime.endpoint;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Registers {@link ParleyLifecycleListener} in every web application that holds the runtime. Servers find this
 * initializer in {@code WEB-INF/lib} through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer},
 * whatever the application's {@code web.xml} says. Registering the listener here, rather than with
 * {@code @WebListener}, puts it after the listeners the server itself declares, so it hears of the application's stop
 * before them (listeners hear of it in reverse order): on WildFly, before Undertow's WebSocket listener closes every
 * connection, so Parley can still drain them.
 */
public final class ParleyServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(new ParleyLifecycleListener());
    }
}
