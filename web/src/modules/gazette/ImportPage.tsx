import { useState } from 'react';
import { Alert, Button, Card, Progress, Result, Space, Typography, Upload } from 'antd';
import { csrfToken } from '../../api';
import { InboxOutlined } from '@ant-design/icons';
import { WhyDisabled } from '../../platform/kit';

import type { ImportResult } from './contract';

/** Upload a gazette text (county administrators); progress is the upload's, then the server's answer. */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The server's refusal to replace stored documents by shorter texts, until the administrator confirms. */
  const [shorter, setShorter] = useState<string | null>(null);
  const submit = async (confirmShorter = false) => {
    if (!file) return;
    setError(null);
    setShorter(null);
    setResult(null);
    const text = await file.text();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/gazette/imports?fileName=${encodeURIComponent(file.name)}${confirmShorter ? '&confirmShorter=true' : ''}`);
    xhr.setRequestHeader('content-type', 'text/plain; charset=utf-8');
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 90));
    xhr.onload = () => {
      setProgress(100);
      const body = JSON.parse(xhr.responseText || '{}');
      if (xhr.status === 409 && body?.error?.id === 'GAZETTE_SHORTER') setShorter(body.error.message);
      else if (xhr.status >= 400) setError(body?.error?.message ?? `导入失败（${xhr.status}）`);
      else setResult(body);
    };
    xhr.onerror = () => setError('网络错误，导入未完成');
    setProgress(0);
    xhr.send(text);
  };
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        导入公报
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        上传从 PDF 提取的公报纯文本（UTF-8）。逐件比对公文：同一文本重复导入不会改动任何内容；缺少成文日期的公文（文本被截断）整批拒绝；以较短文本替换已有公文须确认，被替换的文本保留为历史版本；不是公报的文件会被拒绝，且不写入任何内容。系统管理员也可在服务器上用命令行导入（见部署说明）。
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
        <Upload.Dragger accept=".txt,text/plain" maxCount={1} beforeUpload={(f) => (setFile(f), false)} onRemove={() => setFile(null)}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖拽公报文本文件到此处</p>
        </Upload.Dragger>
        <WhyDisabled reason={!file && '请先选择公报文本文件'}>
          <Button type="primary" disabled={!file} onClick={() => void submit()}>
            开始导入
          </Button>
        </WhyDisabled>
        {progress !== null && <Progress percent={progress} status={error ? 'exception' : progress === 100 ? 'success' : 'active'} />}
        {error && <Alert type="error" title={error} showIcon />}
        {shorter && (
          <Alert
            type="warning"
            showIcon
            title="导入会缩短已有公文，已暂停"
            description={shorter}
            action={
              <Button danger size="small" onClick={() => void submit(true)} data-testid="confirm-shorter">
                确认以较短文本替换
              </Button>
            }
          />
        )}
        {result && (
          <Result
            status="success"
            title={result.unchanged ? '该文本已导入过，未做任何改动' : `导入完成：共 ${result.documents} 件公文`}
            subTitle={result.unchanged ? undefined : `新增 ${result.created.length} 件，更新 ${result.updated.length} 件，未变 ${result.skipped.length} 件`}
          />
        )}
      </Space>
    </Card>
  );
}
