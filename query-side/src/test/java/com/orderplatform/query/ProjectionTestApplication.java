package com.orderplatform.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ProjectionTestApplication {
}
