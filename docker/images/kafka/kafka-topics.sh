#!/bin/sh
# As in the Kafka distribution: org.apache.kafka.tools.TopicCommand with the broker's jars.
exec java -Xmx256m -XX:TieredStopAtLevel=1 -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand "$@"
