-- One database per service: each service owns its tables and never reads another's.
CREATE DATABASE bangkom_evaluation OWNER bangkom;
CREATE DATABASE bangkom_training OWNER bangkom;
CREATE DATABASE bangkom_survey OWNER bangkom;
CREATE DATABASE bangkom_recommendation OWNER bangkom;
CREATE DATABASE bangkom_career OWNER bangkom;
