package org.tributary.aggregator.accessreview;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the access-event filter just outside Spring Security, so that refused requests are recorded too. */
@Configuration(proxyBeanMethods = false)
class SecurityConsoleConfiguration {

    /** One before Spring Security's filter chain (Spring Boot's default order for it is -100). */
    static final int ACCESS_EVENT_FILTER_ORDER = -101;

    @Bean
    FilterRegistrationBean<AccessEventFilter> accessEventFilter(AccessEvents events, Clock clock) {
        FilterRegistrationBean<AccessEventFilter> registration =
                new FilterRegistrationBean<>(new AccessEventFilter(events, clock));
        registration.setName("accessEventFilter");
        registration.setOrder(ACCESS_EVENT_FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
