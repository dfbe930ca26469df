-- Temporal's persistence and visibility databases, owned by the same role (auto-setup creates their schemas).
CREATE DATABASE temporal OWNER xianfeng;
CREATE DATABASE temporal_visibility OWNER xianfeng;
