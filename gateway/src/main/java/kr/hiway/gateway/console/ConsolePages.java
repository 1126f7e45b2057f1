package kr.hiway.gateway.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The regulator's console, a single page in {@code static/console}: {@code /console/} and the OAuth
 * redirect URI {@code /console/callback} both show it; the page itself finishes the sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    // The trailing slash lets the page load its scripts by relative paths.
    registry.addRedirectViewController("/console", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
    registry.addViewController("/console/callback").setViewName("forward:/console/index.html");
  }
}
