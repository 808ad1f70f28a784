package com.orderplatform.infra.error;

import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts {@link ProblemErrorReportValve} in place of the host's HTML error report. The host adds its own valve when it
 * starts, before its contexts start, so the swap is made as the application's context is about to start.
 */
public class TomcatProblemErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextLifecycleListeners(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && event.getLifecycle() instanceof Context context
                    && context.getParent() instanceof Host host) {
                useProblemReports(host.getPipeline());
            }
        });
    }

    static void useProblemReports(Pipeline pipeline) {
        boolean installed = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
                installed = true;
            } else if (valve instanceof ErrorReportValve html) {
                pipeline.removeValve(html);
            }
        }
        if (!installed) {
            pipeline.addValve(new ProblemErrorReportValve());
        }
    }
}
